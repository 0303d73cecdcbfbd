import type { SlashCommand } from "./command.ts";

/** Splits "/model gpt-4o" into the command and its argument text. */
export function parseSlash(input: string): { name: string; arg: string } | null {
  const m = /^(\/\S+)\s*([\s\S]*)$/.exec(input.trim());
  return m ? { name: m[1]!, arg: m[2]!.trim() } : null;
}

/** The command a name or alias runs. */
export function findCommand(commands: readonly SlashCommand[], name: string): SlashCommand | undefined {
  return commands.find((c) => c.name === name || c.aliases?.includes(name));
}

/** Commands matching what is typed, while the input is a bare "/word" (no arguments yet). */
export function completions(commands: readonly SlashCommand[], input: string): SlashCommand[] {
  if (!/^\/\S*$/.test(input)) return [];
  return commands.filter((c) => c.name.startsWith(input));
}

export function usage(c: SlashCommand): string {
  return c.name + (c.args ? " " + c.args : "");
}
