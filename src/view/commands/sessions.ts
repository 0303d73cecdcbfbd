import { localDate } from "../../cli/sessions-command.ts";
import type { SessionSummary } from "../../session/store.ts";
import type { SlashCommand } from "./command.ts";

/** A picker of saved sessions inside the chat; the chosen one continues here, the current one stays resumable. */
export const sessions: SlashCommand = {
  name: "/sessions",
  aliases: ["/resume"],
  summary: "pick a saved session to continue",
  run(ctx) {
    const store = ctx.services.sessions;
    if (!store) {
      ctx.notice("This chat keeps no saved sessions.");
      return;
    }
    const saved = store.list();
    const current = ctx.session.id;
    ctx.pick<string>({
      title: "Sessions",
      items: saved.map((s) => ({ label: s.title || "(no prompt yet)", detail: detail(s, s.id === current), value: s.id })),
      selected: current,
      empty: `no saved sessions yet (they are kept in ${store.dir})`,
      choose: (id) => {
        if (id === ctx.session.id) return;
        ctx.session.switchTo(id);
      },
    });
  },
};

function detail(s: SessionSummary, current: boolean): string {
  return `${localDate(s.updated)} · ${s.messages} message${s.messages === 1 ? "" : "s"} · ${s.id}${current ? " · current" : ""}`;
}
