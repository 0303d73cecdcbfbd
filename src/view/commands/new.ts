import type { SlashCommand } from "./command.ts";

export const newSession: SlashCommand = {
  name: "/new",
  summary: "start a new session",
  run(ctx) {
    ctx.session.newSession();
    ctx.notice(`New session ${ctx.session.id}`);
  },
};
