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
  const [first, ...rest] = argv;
  const command = first !== undefined ? commands[first] : undefined;
  try {
    return command ? await (await command()).run(rest) : await (await commands.chat!()).run(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`petrel: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
