import { ModelListError, type ModelInfo } from "../../provider/models.ts";
import type { PickerItem } from "../picker.ts";
import type { SlashCommand } from "./command.ts";

/** /model NAME switches; bare /model picks from what the server lists. The choice is logged, so --resume keeps it. */
export const model: SlashCommand = {
  name: "/model",
  args: "[NAME]",
  summary: "switch the model (a picker of the server's models without NAME)",
  run(ctx, arg) {
    if (arg) {
      ctx.session.setModel(arg);
      const { name, model } = ctx.session.provider;
      ctx.notice(`Model: ${model} (${name})`);
      return;
    }
    const current = ctx.session.provider.model;
    const choose = (id: string) => {
      if (id === ctx.session.provider.model) return;
      ctx.session.setModel(id);
      ctx.notice(`Model: ${id} (${ctx.session.provider.name})`);
    };
    const abort = new AbortController();
    const picker = ctx.pick<string>({
      title: `Models of ${ctx.session.provider.name}`,
      items: [{ label: current, detail: "current", value: current }],
      selected: current,
      empty: "loading…",
      choose,
      cancel: () => abort.abort(),
    });
    ctx.services.listModels(abort.signal).then(
      (models) => picker.setItems(items(models, current), "the server lists no models"),
      (err: unknown) => {
        if (abort.signal.aborted) return;
        const message = err instanceof ModelListError ? err.message : `listing models failed: ${err instanceof Error ? err.message : String(err)}`;
        picker.setNote(message);
      },
    );
  },
};

function items(models: ModelInfo[], current: string): PickerItem<string>[] {
  const list = models.map((m) => ({ label: m.id, value: m.id, ...(m.label || m.id === current ? { detail: [m.label, m.id === current ? "current" : ""].filter(Boolean).join(" · ") } : {}) }));
  // a model set by name that the server does not list stays choosable
  if (!models.some((m) => m.id === current)) list.unshift({ label: current, value: current, detail: "current" });
  return list;
}
