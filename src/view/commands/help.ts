import type { SlashCommand } from "./command.ts";
import { usage } from "./registry.ts";

/** Keys the composer and the mouse own (the chat's keymap lists the rest). */
const EDITING_KEYS = "Enter send · Shift+Enter, Alt+Enter, Ctrl+J new line · Up/Down input history";
const MOUSE = 'click a tool call or "Thought for…" to expand it · drag to select and copy';

export const help: SlashCommand = {
  name: "/help",
  summary: "keys and commands",
  run(ctx) {
    const keys = [EDITING_KEYS, ...ctx.keyHelp, MOUSE];
    const commands = ctx.commands.map((c) => `  ${usage(c)} — ${c.summary}`);
    ctx.notice(`Keys\n${keys.map((k) => `  ${k}`).join("\n")}\nCommands\n${commands.join("\n")}`);
  },
};
