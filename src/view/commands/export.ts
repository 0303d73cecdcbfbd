import type { SlashCommand } from "./command.ts";

export const exportMarkdown: SlashCommand = {
  name: "/export",
  args: "[FILE]",
  summary: "write the conversation as markdown",
  async run(ctx, arg) {
    const path = await ctx.session.exportMarkdown(arg || undefined);
    ctx.notice(`Exported the conversation to ${path}`);
  },
};
