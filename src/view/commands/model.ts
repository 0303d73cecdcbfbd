import type { SlashCommand } from "./command.ts";

export const model: SlashCommand = {
  name: "/model",
  args: "[NAME]",
  summary: "show or switch the model",
  run(ctx, arg) {
    if (arg) ctx.session.setModel(arg);
    const { name, model } = ctx.session.provider;
    ctx.notice(arg ? `Model: ${model} (${name})` : `Model: ${model} (${name}) — /model NAME switches`);
  },
};
