import type { SlashCommand } from "./command.ts";

export const heap: SlashCommand = {
  name: "/heap",
  summary: "write a heap snapshot",
  run(ctx) {
    const path = ctx.heapSnapshot();
    ctx.notice(`Heap snapshot written to ${path} (open it in Chrome DevTools → Memory → Load profile)`);
  },
};
