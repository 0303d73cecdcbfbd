import type { SlashCommand } from "./command.ts";

export const clear: SlashCommand = {
  name: "/clear",
  summary: "clear the screen (the conversation continues)",
  run(ctx) {
    ctx.session.clear();
  },
};
