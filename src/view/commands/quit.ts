import type { SlashCommand } from "./command.ts";

export const quit: SlashCommand = {
  name: "/quit",
  aliases: ["/exit"],
  summary: "leave petrel",
  run(ctx) {
    ctx.quit();
  },
};
