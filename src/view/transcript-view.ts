import { FrameBufferRenderable, OptimizedBuffer, type MouseEvent, type RenderContext } from "@opentui/core";
import { Attr, PLAIN, type Row } from "../render/style.ts";
import type { Theme } from "../render/theme.ts";
import type { TranscriptTree } from "../tree/tree.ts";
import { RowPainter } from "./row-painter.ts";
import { Selection } from "./selection.ts";

export interface TranscriptViewEvents {
  scroll(rows: number): void;
  click(screenY: number, x: number): void;
  select(selection: Selection | null, done: boolean): void;
  hover(screenY: number | null): void;
}

/**
 * The transcript on screen: ONE renderable owning one viewport-sized native buffer.
 * OpenTUI treats that buffer as a retained surface (no JS runs for it on frames
 * where it did not change). `compose()` diffs the rows the tree says are visible
 * against the rows already drawn, by identity (rows are immutable and frozen rows
 * keep their identity), and draws only the rows that differ; a scroll first shifts
 * the drawn rows with one native blit. Overlays (spinners, clocks, selection, hover,
 * the new-output marker) are painted last and never touch the tree.
 */
export class TranscriptView extends FrameBufferRenderable {
  private readonly painter: RowPainter;
  /** What each screen row currently shows; undefined = unknown, must be drawn. */
  private shown: (Row | null | undefined)[] = [];
  private shownTop = -1;
  private scratch: OptimizedBuffer | null = null;
  /** Screen rows painted over by overlays last time; they are redrawn from rows next compose. */
  private overlayRows = new Set<number>();
  selection: Selection | null = null;
  hoverRow: number | null = null;
  /** Shown centered while the transcript is empty; asked each time (the model it names may have changed). */
  welcome: () => readonly string[] = () => [];

  constructor(
    ctx: RenderContext,
    private readonly tree: TranscriptTree,
    private readonly theme: Theme,
    private readonly events: TranscriptViewEvents,
  ) {
    super(ctx, { width: 1, height: 1, flexGrow: 1 });
    this.width = "100%";
    this.painter = new RowPainter(ctx);
    this.onMouseScroll = (e) => {
      const dir = e.scroll?.direction;
      if (dir === "up" || dir === "down") this.events.scroll((dir === "up" ? -1 : 1) * Math.max(1, e.scroll?.delta ?? 1) * 3);
    };
    this.setupSelection();
  }

  get counters(): { rowsDrawn: number; spansDrawn: number } {
    return { rowsDrawn: this.painter.rowsDrawn, spansDrawn: this.painter.spansDrawn };
  }

  /** Forget what is drawn: the next compose repaints every row. */
  invalidateAll(): void {
    this.shown = [];
    this.shownTop = -1;
  }

  private resizing = false;

  /** Set by the controller: lays out and composes at once, inside the resize's own frame. */
  onResized: () => void = () => {};

  protected override onResize(width: number, height: number): void {
    super.onResize(width, height);
    this.scratch?.destroy();
    this.scratch = null;
    this.invalidateAll();
    // the resized buffer starts cleared: fill it now, or the frame being painted shows a blank transcript
    this.resizing = true;
    try {
      this.onResized();
    } finally {
      this.resizing = false;
    }
  }

  /** Brings the buffer up to date with the tree's visible rows, then paints overlays. */
  compose(now: number): void {
    const fb = this.frameBuffer;
    const w = fb.width;
    const h = fb.height;
    const top = this.tree.viewport.top();
    if (this.shownTop >= 0 && top !== this.shownTop) this.shift(top - this.shownTop, w, h);
    this.shownTop = top;
    for (const y of this.overlayRows) this.shown[y] = undefined;
    this.overlayRows.clear();
    this.tree.forEachVisibleRow((y, row) => {
      if (this.shown[y] !== row) {
        this.painter.paint(fb, row, y, w);
        this.shown[y] = row;
      }
    });
    this.paintOverlays(now);
    if (!this.resizing) this.requestRender();
  }

  /** An animation tick: repaint overlay cells only. */
  tick(now: number): void {
    this.paintSpinners(now);
    this.requestRender();
  }

  private paintOverlays(now: number): void {
    this.paintSpinners(now);
    const fb = this.frameBuffer;
    const h = fb.height;
    if (this.tree.nodes.length === 0) this.paintWelcome();
    if (this.tree.viewport.newOutputBelow && !this.tree.viewport.pinned && h > 2) {
      const ui = this.theme.ui;
      const text = " ↓ new output below — End to follow ";
      const s = this.painter.native(ui.accent);
      const blank = this.painter.native(PLAIN);
      const y = h - 1;
      // a row of its own: drawn over a transcript row mid-text it read as part of the text
      fb.drawText(" ".repeat(fb.width), 0, y, blank.fg, blank.bg, 0);
      fb.drawText(text, Math.max(0, fb.width - text.length - 1), y, s.fg, s.bg, s.attrs | Attr.INVERSE);
      this.overlayRows.add(y);
    }
    if (this.hoverRow !== null && this.hoverRow < h) {
      this.flipAttributes(this.hoverRow, 0, fb.width, Attr.UNDERLINE);
    }
    const sel = this.selection?.screenRange(this.tree.viewport.top(), h);
    if (sel) for (const { y, from, to } of sel) this.flipAttributes(y, from, to, Attr.INVERSE);
  }

  private paintWelcome(): void {
    const fb = this.frameBuffer;
    const lines = this.welcome();
    const top = Math.max(0, Math.floor((fb.height - lines.length) / 2));
    lines.forEach((line, i) => {
      const s = this.painter.native(i === 0 ? this.theme.ui.accent : this.theme.ui.muted);
      const y = top + i;
      if (y >= fb.height) return;
      fb.drawText(line, Math.max(0, Math.floor((fb.width - Bun.stringWidth(line)) / 2)), y, s.fg, s.bg, s.attrs);
      this.overlayRows.add(y);
    });
  }

  private paintSpinners(now: number): void {
    const fb = this.frameBuffer;
    for (const o of this.tree.visibleOverlays(now)) {
      const s = this.painter.native(o.style);
      fb.drawText(o.text, o.col, o.row, s.fg, s.bg, s.attrs);
      this.overlayRows.add(o.row);
    }
  }

  private flipAttributes(y: number, from: number, to: number, bit: number): void {
    this.frameBuffer.withBuffers((cells) => {
      const base = y * cells.width;
      for (let x = Math.max(0, from); x < Math.min(to, cells.width); x++) cells.attributes[base + x]! |= bit;
    });
    this.overlayRows.add(y);
  }

  /** Moves the drawn rows by `delta` (content moving up when positive) with two blits. */
  private shift(delta: number, w: number, h: number): void {
    const keep = h - Math.abs(delta);
    if (keep <= 0) {
      this.shown = [];
      return;
    }
    this.scratch ??= OptimizedBuffer.create(w, h, this.frameBuffer.widthMethod, { owner: this.ctx.nativeScene });
    const fb = this.frameBuffer;
    const from = delta > 0 ? delta : 0;
    const to = delta > 0 ? 0 : -delta;
    this.scratch.drawFrameBuffer(0, 0, fb, 0, from, w, keep);
    fb.drawFrameBuffer(0, to, this.scratch, 0, 0, w, keep);
    const moved: (Row | null | undefined)[] = new Array(h);
    for (let y = 0; y < keep; y++) moved[to + y] = this.shown[from + y];
    this.shown = moved;
    const overlays = [...this.overlayRows];
    this.overlayRows.clear();
    for (const y of overlays) {
      const ny = y - delta;
      if (ny >= 0 && ny < h) this.overlayRows.add(ny);
    }
  }

  private setupSelection(): void {
    this.onMouseDown = (e: MouseEvent) => {
      if (e.button !== 0) return;
      this.events.select(null, false);
      this.dragStart = { x: e.x - this.x, y: e.y - this.y };
      this.dragged = false;
    };
    this.onMouseDrag = (e: MouseEvent) => {
      if (!this.dragStart) return;
      this.dragged = true;
      this.events.select(this.makeSelection(this.dragStart, { x: e.x - this.x, y: e.y - this.y }), false);
    };
    this.onMouseUp = (e: MouseEvent) => {
      const start = this.dragStart;
      this.dragStart = null;
      if (!start) return;
      const end = { x: e.x - this.x, y: e.y - this.y };
      if (this.dragged) this.events.select(this.makeSelection(start, end), true);
      else this.events.click(end.y, end.x);
    };
    this.onMouseMove = (e: MouseEvent) => this.events.hover(e.y - this.y);
    this.onMouseOut = () => this.events.hover(null);
  }

  private dragStart: { x: number; y: number } | null = null;
  private dragged = false;

  private makeSelection(a: { x: number; y: number }, b: { x: number; y: number }): Selection {
    const top = this.tree.viewport.top();
    return new Selection({ row: top + a.y, col: a.x }, { row: top + b.y, col: b.x });
  }

  protected override destroySelf(): void {
    this.scratch?.destroy();
    this.painter.destroy();
    super.destroySelf();
  }
}
