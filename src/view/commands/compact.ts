import type { SlashCommand } from "./command.ts";

export const compact: SlashCommand = {
  name: "/compact",
  args: "[FOCUS]",
  summary: "summarize the conversation to free the context window",
  async run(ctx, arg) {
    ctx.flash("Compacting…");
    await ctx.session.compact(arg || undefined);
  },
};
