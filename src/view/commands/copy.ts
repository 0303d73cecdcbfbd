import type { SlashCommand } from "./command.ts";

export const copy: SlashCommand = {
  name: "/copy",
  summary: "copy the last answer's markdown",
  run(ctx) {
    ctx.copyLastAnswer();
  },
};
