import type { ReasoningBlock } from "../session/blocks.ts";
import type { Row } from "../render/style.ts";
import type { Theme } from "../render/theme.ts";
import { span, stringWidth, truncateToWidth } from "../render/text.ts";
import { Gutter } from "./gutter.ts";
import { MarkdownBody, MarkdownNode } from "./markdown-body.ts";
import type { Overlay, RenderEnv } from "./node.ts";
import { CLOCK_WIDTH, decor, formatElapsed, spinnerAndClock } from "./spans.ts";
import { dimmed } from "./dim-theme.ts";

/**
 * Reasoning: dim markdown under a "Thinking…" header while it streams (spinner and
 * clock are overlays), then collapsed to one "Thought for 12s" row that a click or
 * the toggle key expands.
 */
export class ReasoningNode extends MarkdownNode<ReasoningBlock> {
  /** Once the user toggled it, the node keeps the user's choice when reasoning ends. */
  private wasToggled = false;

  constructor(block: ReasoningBlock) {
    super(block);
    this.collapsed = !block.streaming;
  }

  override changed(): void {
    super.changed();
    if (!this.block.streaming && this.block.endedAt !== undefined && !this.wasToggled) this.collapsed = true;
  }

  override toggle(): void {
    this.wasToggled = true;
    super.toggle();
  }

  override get collapsible(): boolean {
    return !this.block.streaming;
  }

  override animates(): boolean {
    return this.block.streaming;
  }

  override overlays(now: number, theme: Theme): Overlay[] {
    if (!this.block.streaming || !this.rows) return [];
    return spinnerAndClock(this.rows.at(0)?.width ?? 0, this.block.startedAt, now, theme.ui.accent, theme);
  }

  protected renderRows(env: RenderEnv): Row[] {
    const ui = env.theme.ui;
    const header = this.block.streaming
      ? this.headerRow(["  ", "Thinking…"], env, true)
      : this.headerRow([this.collapsed ? "▸ " : "▾ ", `Thought for ${formatElapsed((this.block.endedAt ?? env.now) - this.block.startedAt)}`], env, false);
    // collapsed means finished: the node is packed next, which lets the body go
    if (this.collapsed && !this.block.streaming) return header;
    this.body ??= new MarkdownBody(new Gutter(span("  ", ui.reasoning), span("  ", ui.reasoning)));
    return this.body.rows(this.block.text, this.block.streaming, env.width, dimmed(env.theme), header);
  }

  private headerCache: { key: string; rows: Row[] } | null = null;

  /** Cached, so the streaming body keeps its rows in place from frame to frame. */
  private headerRow([glyph, label]: [string, string], env: RenderEnv, clock: boolean): Row[] {
    const key = `${glyph}|${label}|${env.width}|${clock}`;
    if (this.headerCache?.key !== key) this.headerCache = { key, rows: this.buildHeader(glyph, label, env, clock) };
    return this.headerCache.rows;
  }

  private buildHeader(glyph: string, label: string, env: RenderEnv, clock: boolean): Row[] {
    const ui = env.theme.ui;
    const room = Math.max(1, env.width - glyph.length - (clock ? CLOCK_WIDTH : 0));
    const text = truncateToWidth(label, room);
    const spans = [decor(glyph, ui.accent), span(text, ui.reasoning)];
    const used = glyph.length + stringWidth(text);
    // the clock overlay needs its cells to exist on the row, so a live header spans the width
    if (clock) spans.push(span(" ".repeat(Math.max(0, env.width - used)), ui.reasoning));
    return [{ spans, width: clock ? Math.max(used, env.width) : used }];
  }
}
