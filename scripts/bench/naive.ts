/**
 * Strategy 2, naive: the failure mode DESIGN.md describes (a bubbletea + lipgloss chat
 * whose View() renders the whole list). Every message (a chunk, a status change) and
 * every spinner tick (10 Hz while something animates) runs View():
 *
 * 1. every block of the transcript is rendered from its source at full width —
 *    markdown through src/render's `renderMarkdown`, the spinner glyph embedded in the
 *    reasoning and tool header rows, as a string-building View() would;
 * 2. the whole row list is rebuilt;
 * 3. the visible rows (the bottom of the list: sticky scroll) are drawn span by span with
 *    `drawText` into one full-screen FrameBufferRenderable (petrel's RowPainter, so the
 *    drawing primitive is the same as petrel's), then a render is requested; OpenTUI
 *    presents at most `fps` frames a second, as bubbletea's renderer does.
 *
 * It renders with petrel's own renderer, so the output matches petrel's and the only
 * difference measured is *when* things are rendered. Nothing is cached.
 */
import { FrameBufferRenderable } from "@opentui/core";
import { renderCounters } from "../../src/render/lex.ts";
import { renderMarkdown } from "../../src/render/markdown.ts";
import type { Row } from "../../src/render/style.ts";
import { EMPTY_ROW, prefixRow, span, wrapSpans } from "../../src/render/text.ts";
import type { Theme } from "../../src/render/theme.ts";
import type { Block, TranscriptListener } from "../../src/session/blocks.ts";
import type { Transcript } from "../../src/session/transcript.ts";
import { SPINNER_FRAME_MS } from "../../src/tree/spans.ts";
import { RowPainter } from "../../src/view/row-painter.ts";
import { isLive, LIVE_SCAN, outputPreview, reasoningHeader, toolDetail, toolGlyph, toolRunning } from "./baseline.ts";
import type { Strategy, StrategyContext, StrategyCounters } from "./strategy.ts";

const TICK_MS = SPINNER_FRAME_MS;

export class NaiveStrategy implements Strategy {
  readonly name = "naive" as const;
  private readonly screen: FrameBufferRenderable;
  private readonly painter: RowPainter;
  private transcript: Transcript | null = null;
  private suspended = false;
  private tickTimer: unknown = null;
  private inTick = false;
  private readonly c = { nodesRendered: 0, ticks: 0, tickRenders: 0, updates: 0 };

  private readonly listener: TranscriptListener = {
    added: () => this.update(),
    appended: () => this.update(),
    changed: () => this.update(),
    cleared: () => this.update(),
  };

  constructor(private readonly ctx: StrategyContext) {
    this.screen = new FrameBufferRenderable(ctx.renderer, { width: ctx.renderer.width, height: ctx.renderer.height });
    ctx.renderer.root.add(this.screen);
    this.painter = new RowPainter(ctx.renderer);
  }

  attach(transcript: Transcript): void {
    this.transcript = transcript;
    transcript.setListener(this.listener);
    this.update();
  }

  counters(): StrategyCounters {
    return {
      nodesRendered: this.c.nodesRendered,
      rowsDrawn: this.painter.rowsDrawn,
      spansDrawn: this.painter.spansDrawn,
      bytesLexed: renderCounters.bytesLexed,
      ticks: this.c.ticks,
      tickRenders: this.c.tickRenders,
      updates: this.c.updates,
    };
  }

  suspend(): void {
    this.suspended = true;
  }

  resume(): void {
    this.suspended = false;
    this.update();
  }

  destroy(): void {
    this.transcript?.setListener(undefined);
    if (this.tickTimer !== null) this.ctx.time.clear(this.tickTimer);
    this.painter.destroy();
  }

  /** Update() → View(): what a bubbletea program does for every message it receives. */
  private update(): void {
    if (this.suspended || !this.transcript) return;
    this.view();
    this.armTick();
  }

  private view(): void {
    const blocks = this.transcript!.blocks;
    const fb = this.screen.frameBuffer;
    const width = fb.width;
    const now = this.ctx.time.now();
    const rows: Row[] = [];
    for (const block of blocks) {
      if (rows.length > 0) rows.push(EMPTY_ROW);
      const rendered = blockRows(block, width, this.ctx.theme, now);
      for (const r of rendered) rows.push(r);
      this.c.nodesRendered++;
      if (this.inTick) this.c.tickRenders++;
    }
    const h = fb.height;
    const top = Math.max(0, rows.length - h);
    for (let y = 0; y < h; y++) this.painter.paint(fb, rows[top + y] ?? null, y, width);
    this.c.updates++;
    this.screen.requestRender();
  }

  private animating(): boolean {
    const blocks = this.transcript?.blocks ?? [];
    for (let i = blocks.length - 1; i >= 0 && i >= blocks.length - LIVE_SCAN; i--) if (isLive(blocks[i]!)) return true;
    return false;
  }

  private armTick(): void {
    if (this.tickTimer !== null || !this.animating()) return;
    this.tickTimer = this.ctx.time.set(() => {
      this.tickTimer = null;
      if (this.suspended || !this.animating()) return;
      this.c.ticks++;
      this.inTick = true;
      this.view();
      this.inTick = false;
      this.armTick();
    }, TICK_MS);
  }
}

/** One block at full width, from its source, every time. */
function blockRows(block: Block, width: number, theme: Theme, now: number): Row[] {
  const ui = theme.ui;
  switch (block.kind) {
    case "user":
      return wrapSpans([span("› ", ui.userMarker), span(block.text, ui.user)], width);
    case "text":
      return renderMarkdown(block.text, width - 2, theme).map((r) => prefixRow([span("  ")], 2, r));
    case "reasoning": {
      const header = wrapSpans([span(reasoningHeader(block, now), ui.reasoning)], width);
      if (!block.streaming) return header;
      const body = renderMarkdown(block.text, width - 2, theme).map((r) => prefixRow([span("  ")], 2, r));
      return [...header, ...body];
    }
    case "tool": {
      const style = toolRunning(block) ? ui.toolRunning : block.status === "failed" ? ui.toolFailed : ui.toolDone;
      const rows = wrapSpans([span(`${toolGlyph(block, now)} `, style), span(block.name, ui.toolName), span(toolDetail(block, now), ui.toolArgs)], width);
      if (block.output) {
        for (const r of wrapSpans([span(outputPreview(block.output), ui.muted)], width - 4)) rows.push(prefixRow([span("    ")], 4, r));
      }
      return rows;
    }
    case "error":
      return wrapSpans([span(`✗ ${block.message}`, ui.error)], width);
    case "notice":
      return wrapSpans([span(block.text, ui.notice)], width);
  }
}
