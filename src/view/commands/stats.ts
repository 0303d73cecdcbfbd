import type { SlashCommand } from "./command.ts";

export const stats: SlashCommand = {
  name: "/stats",
  summary: "show frame and memory figures in the status line",
  run(ctx) {
    ctx.toggleStats();
  },
};
