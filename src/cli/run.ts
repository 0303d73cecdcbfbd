import { UsageError } from "./flags.ts";

/** A subcommand: parses its own flags, returns the exit code. Loaded lazily so `render` never loads OpenTUI. */
type Command = () => Promise<{ run(argv: string[]): Promise<number> }>;

const commands: Record<string, Command> = {
  chat: () => import("./chat-command.ts"),
  render: () => import("./render-command.ts"),
  config: () => import("./config-command.ts"),
  sessions: () => import("./sessions-command.ts"),
};

export async function run(argv: string[]): Promise<number> {
  try {
    const found = await findSubcommand(argv);
    return found ? await (await commands[found.name]!()).run(found.rest) : await (await commands.chat!()).run(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`petrel: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

/**
 * The subcommand named by the first argument that is not a flag or a flag's value
 * (`petrel --provider anthropic config`); it gets every other argument. `--` ends the
 * flags, so `petrel -- sessions` sends "sessions" as a prompt.
 */
async function findSubcommand(argv: string[]): Promise<{ name: string; rest: string[] } | null> {
  const first = argv[0];
  if (first === undefined) return null;
  if (commands[first]) return { name: first, rest: argv.slice(1) };
  if (!first.startsWith("-")) return null;
  const { CHAT_OPTIONS } = await import("./chat-options.ts");
  const takesValue = (name: string) => (CHAT_OPTIONS as Record<string, { type: string; short?: string }>)[name]?.type === "string";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") return null;
    if (arg.startsWith("--")) {
      if (!arg.includes("=") && takesValue(arg.slice(2))) i++;
      continue;
    }
    if (arg.startsWith("-") && arg.length > 1) continue;
    return commands[arg] ? { name: arg, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] } : null;
  }
  return null;
}
