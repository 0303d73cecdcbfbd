/** The slash commands, in the order the completion popup lists them. */
export interface SlashCommand {
  name: string;
  args?: string;
  summary: string;
}

export const SLASH_COMMANDS: SlashCommand[] = [
  { name: "/help", summary: "keys and commands" },
  { name: "/new", summary: "start a new session" },
  { name: "/clear", summary: "clear the screen (the conversation continues)" },
  { name: "/model", args: "[NAME]", summary: "show or switch the model" },
  { name: "/copy", summary: "copy the last answer's markdown" },
  { name: "/export", args: "[FILE]", summary: "write the conversation as markdown" },
  { name: "/stats", summary: "show frame and memory figures in the status line" },
  { name: "/heap", summary: "write a heap snapshot" },
  { name: "/quit", summary: "leave petrel" },
];

/** Commands matching what is typed, while the input is a bare "/word" (no arguments yet). */
export function completions(input: string): SlashCommand[] {
  if (!/^\/\S*$/.test(input)) return [];
  return SLASH_COMMANDS.filter((c) => c.name.startsWith(input));
}

/** Splits "/model gpt-4o" into the command and its argument text. */
export function parseSlash(input: string): { name: string; arg: string } | null {
  const m = /^(\/\S+)\s*([\s\S]*)$/.exec(input.trim());
  return m ? { name: m[1]!, arg: m[2]!.trim() } : null;
}

export const HELP_TEXT = `Keys
  Enter send · Shift+Enter, Alt+Enter, Ctrl+J new line · Up/Down input history
  Esc cancel the running answer · Ctrl+C clear the input (twice: quit) · Ctrl+D quit on an empty input
  PgUp/PgDn, Home/End, mouse wheel scroll · Ctrl+O expand/collapse the latest tool call or reasoning
  click a tool call or "Thought for…" to expand it · drag to select and copy · Ctrl+Y copy the last answer
Commands
${SLASH_COMMANDS.map((c) => `  ${c.name}${c.args ? " " + c.args : ""} — ${c.summary}`).join("\n")}`;
