export const HELP = `petrel — a terminal chat client for LLM agents

Usage:
  petrel [options]            start the interactive chat (the demo agent without an API key)

Options:
  -h, --help                  show this help
  -v, --version               print the version
      --fps N                 most frames per second while streaming (default 30)
`;
