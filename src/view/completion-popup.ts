import { BoxRenderable, StyledText, TextRenderable, type RenderContext } from "@opentui/core";
import type { Theme } from "../render/theme.ts";
import { toRGBA } from "./row-painter.ts";
import type { SlashCommand } from "./commands/command.ts";

/** The slash-command completion list that floats above the composer while "/…" is typed. */
export class CompletionPopup extends BoxRenderable {
  private readonly list: TextRenderable;
  private items: SlashCommand[] = [];
  selected = 0;

  constructor(
    ctx: RenderContext,
    private readonly theme: Theme,
  ) {
    // opaque: the transcript under it must not show between its columns
    super(ctx, {
      position: "absolute",
      left: 0,
      bottom: 0,
      width: "100%",
      height: 1,
      zIndex: 10,
      visible: false,
      backgroundColor: toRGBA(theme.code.bg),
    });
    this.list = new TextRenderable(ctx, { width: "100%", height: "100%" });
    this.add(this.list);
  }

  get open(): boolean {
    return this.items.length > 0;
  }

  get current(): SlashCommand | undefined {
    return this.items[this.selected];
  }

  show(items: SlashCommand[]): void {
    const same = items.length === this.items.length && items.every((c, i) => c === this.items[i]);
    this.items = items;
    if (!same) this.selected = 0;
    this.visible = items.length > 0;
    if (items.length > 0) this.draw();
  }

  move(step: number): void {
    if (!this.open) return;
    this.selected = (this.selected + step + this.items.length) % this.items.length;
    this.draw();
  }

  private draw(): void {
    const ui = this.theme.ui;
    const name = toRGBA(ui.accent.fg ?? 6);
    const muted = toRGBA(ui.muted.fg ?? 8);
    const selectedBg = toRGBA(ui.selection.bg ?? "#3a3f4b");
    const width = Math.max(...this.items.map((c) => c.name.length + (c.args ? c.args.length + 1 : 0)));
    const chunks = this.items.flatMap((c, i) => {
      const label = (c.name + (c.args ? " " + c.args : "")).padEnd(width + 2);
      const bg = i === this.selected ? selectedBg : undefined;
      return [
        { __isChunk: true as const, text: (i > 0 ? "\n" : "") + " " + label, fg: name, ...(bg && { bg }) },
        { __isChunk: true as const, text: fit(c.summary, this.ctx.width - label.length - 2) + " ", fg: muted, ...(bg && { bg }) },
      ];
    });
    this.list.content = new StyledText(chunks);
    this.height = this.items.length;
  }
}

/** One row per command: a summary too long for the screen is cut with an ellipsis rather than wrapped. */
function fit(text: string, width: number): string {
  if (text.length <= width) return text;
  return width <= 1 ? "" : text.slice(0, width - 1) + "…";
}
