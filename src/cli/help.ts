export const HELP = `petrel — a terminal chat client for LLM agents

Usage:
  petrel [options] [PROMPT]   start the interactive chat (the demo agent without an API key)
  petrel -p [options] PROMPT  print one answer and exit (the prompt may also come on stdin)
  petrel --resume [ID]        continue a saved session (the latest without ID)
  petrel sessions             list saved sessions
  petrel config               show the effective configuration and where it comes from
  petrel render [FILE|-] [--width N] [--theme dark|light] [--stream] [--color auto|always|never]
                              render markdown to the terminal, like glow (stdin without FILE)

Options:
  -h, --help                  show this help
  -v, --version               print the version
      --fps N                 most frames per second while streaming (default 30)
      --theme dark|light      colours for dark or light terminals (default dark)
      --stats                 show fps, frame time, nodes rendered per frame, heap and RSS
      --heap-snapshot FILE    write a heap snapshot (Chrome DevTools format) on exit;
                              /heap or SIGUSR2 write one at any time

Provider:
      --provider NAME         demo, openai or anthropic (default: from the API key found)
      --model NAME            model to ask
      --base-url URL          server for OpenAI-compatible or Anthropic-compatible APIs
      --timeout SECONDS       give up when the server is silent this long (default 90)
      --system TEXT           system prompt sent ahead of the conversation (openai, anthropic)
      --thinking TOKENS       anthropic: let the model think first, up to TOKENS (at least 1024)
      --seed N                demo: same seed, same answers
      --demo-speed CPS        demo: typing speed in characters per second (default 400)
      --replay FILE           play a saved session or recorded event file instead of a model
      --speed N               replay N times faster (0 or inf: as fast as possible)

Print mode:
  -p, --print                 answer once on stdout: rendered on a terminal, markdown when piped
      --json                  print the events as JSON lines instead
      --color WHEN            auto, always or never: render the answer (default auto)

Environment:
  OPENAI_API_KEY, ANTHROPIC_API_KEY      API keys (the provider follows the key found)
  OPENAI_BASE_URL, ANTHROPIC_BASE_URL    servers for OpenAI- or Anthropic-compatible APIs
  PETREL_PROVIDER, PETREL_MODEL          provider and model
  PETREL_SYSTEM                          system prompt
  NO_COLOR, FORCE_COLOR                  -p and render: never / always colour
  XDG_CONFIG_HOME, XDG_DATA_HOME         where the config file and the sessions live

Flags win over the environment, which wins over $XDG_CONFIG_HOME/petrel/config.toml.
Sessions are saved in $XDG_DATA_HOME/petrel/sessions; without a terminal petrel
prints one answer (as with -p) for a prompt given as an argument or on stdin.
`;
