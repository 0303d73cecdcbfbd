import type { CliRenderer } from "@opentui/core";
import type { Block, TranscriptListener } from "../session/blocks.ts";
import type { Theme } from "../render/theme.ts";
import { TranscriptTree } from "../tree/tree.ts";
import { FrameLoop, type Timers } from "./frame-loop.ts";
import type { FrameStats } from "./frame-stats.ts";
import { ReclaimPolicy } from "./reclaim.ts";
import type { Selection } from "./selection.ts";
import { TranscriptView } from "./transcript-view.ts";

export interface TranscriptSource {
  readonly blocks: readonly Block[];
  setListener(listener: TranscriptListener | undefined): void;
}

export interface ControllerOptions {
  theme: Theme;
  fps: number;
  timers: Timers;
  /** Wall-clock epoch ms, for elapsed-time clocks (blocks carry epoch timestamps). */
  now: () => number;
  cacheBudgetBytes?: number;
  /** Called with plain text to put on the clipboard. */
  copy: (text: string) => void;
  /** Called after every transcript frame (the status line refreshes its figures). */
  afterFrame?: () => void;
  /** Gives memory back once a burst of output is over (default: a full GC). */
  reclaim?: () => void;
}

/**
 * Glue between the transcript data, the retained tree and the on-screen view: it
 * subscribes the tree to the transcript, runs the frame loop, and turns scroll keys,
 * clicks and drags into tree and view operations.
 */
export class TranscriptController {
  readonly tree: TranscriptTree;
  readonly view: TranscriptView;
  readonly loop: FrameLoop;
  readonly stats: FrameStats = { frames: 0, lastFrameMs: 0, nodesRenderedLastFrame: 0 };
  private source: TranscriptSource | null = null;
  private readonly reclaim: ReclaimPolicy;
  /** The transcript row under the mouse pointer, while it is over the transcript. */
  private pointerY: number | null = null;

  constructor(
    renderer: CliRenderer,
    private readonly options: ControllerOptions,
  ) {
    this.tree = new TranscriptTree({ theme: options.theme, now: options.now, cacheBudgetBytes: options.cacheBudgetBytes });
    this.view = new TranscriptView(renderer, this.tree, options.theme, {
      scroll: (rows) => this.scroll(rows),
      click: (y) => this.click(y),
      select: (selection, done) => this.select(selection, done),
      hover: (y) => this.hover(y),
    });
    this.loop = new FrameLoop(
      options.timers,
      {
        frame: () => this.frame(),
        tick: () => this.view.tick(this.options.now()),
        animating: () => this.tree.animating(this.options.now()),
      },
      options.fps,
    );
    this.reclaim = new ReclaimPolicy(options.timers, () => this.loop.idle, options.reclaim);
    this.tree.onInvalidate = () => this.loop.invalidate();
    this.view.onResized = () => this.frame();
  }

  attach(source: TranscriptSource): void {
    this.source?.setListener(undefined);
    this.source = source;
    this.tree.cleared();
    for (const block of source.blocks) this.tree.added(block);
    source.setListener(this.tree);
  }

  /** One frame: lay out what is dirty, then copy changed rows to the screen. */
  frame(): void {
    if (this.view.isDestroyed) return;
    const start = performance.now();
    const before = this.tree.counters.nodesRendered;
    const fb = this.view.frameBuffer;
    this.tree.setWidth(fb.width);
    this.tree.viewport.height = fb.height;
    this.tree.layout();
    this.view.compose(this.options.now());
    this.stats.frames++;
    this.stats.nodesRenderedLastFrame = this.tree.counters.nodesRendered - before;
    this.stats.lastFrameMs = performance.now() - start;
    this.options.afterFrame?.();
    this.reclaim.frameDrawn();
  }

  scroll(rows: number): void {
    this.tree.viewport.scrollBy(rows);
    this.loop.invalidate();
  }

  pageUp(): void {
    this.scroll(-Math.max(1, this.tree.viewport.height - 2));
  }

  pageDown(): void {
    this.scroll(Math.max(1, this.tree.viewport.height - 2));
  }

  toTop(): void {
    this.tree.viewport.scrollTo(0);
    this.loop.invalidate();
  }

  toBottom(): void {
    this.tree.viewport.scrollTo(Number.MAX_SAFE_INTEGER);
    this.loop.invalidate();
  }

  /** Ctrl+O: the collapsible block under the mouse pointer, else the newest one. */
  toggleAtPointer(): void {
    const hit = this.pointerY === null ? null : this.tree.hit(this.pointerY);
    if (hit && hit.row >= 0 && hit.node.collapsible) this.tree.toggle(hit.node);
    else this.toggleLatest();
  }

  /** Expands every collapsible block, or collapses them all when every one is already expanded. */
  toggleAll(): void {
    const nodes = this.tree.nodes.filter((n) => n.collapsible);
    const expand = nodes.some((n) => n.collapsed);
    for (const node of nodes) if (node.collapsed === expand) this.tree.toggle(node);
  }

  /** Expands or collapses the newest collapsible block (reasoning or tool call). */
  toggleLatest(): void {
    for (let i = this.tree.nodes.length - 1; i >= 0; i--) {
      const node = this.tree.nodes[i]!;
      if (node.collapsible) {
        this.tree.toggle(node);
        return;
      }
    }
  }

  private click(screenY: number): void {
    const hit = this.tree.hit(screenY);
    if (hit && hit.row >= 0 && hit.node.collapsible) this.tree.toggle(hit.node);
  }

  private hover(screenY: number | null): void {
    this.pointerY = screenY;
    const hit = screenY === null ? null : this.tree.hit(screenY);
    const row = hit && hit.row === 0 && hit.node.collapsible ? screenY : null;
    if (row === this.view.hoverRow) return;
    this.view.hoverRow = row;
    this.loop.invalidate();
  }

  private select(selection: Selection | null, done: boolean): void {
    this.view.selection = selection;
    this.loop.invalidate();
    if (!done || !selection) return;
    const text = selection.text((row) => this.rowAt(row));
    if (text.trim().length > 0) this.options.copy(text);
  }

  private rowAt(absRow: number) {
    if (absRow < 0 || absRow >= this.tree.heights.total) return null;
    const { index, offset } = this.tree.heights.find(absRow);
    const node = this.tree.nodes[index]!;
    const content = offset - node.marginTop;
    return content >= 0 ? (node.rows?.at(content) ?? null) : null;
  }

  clearSelection(): void {
    if (!this.view.selection) return;
    this.view.selection = null;
    this.loop.invalidate();
  }

  destroy(): void {
    this.loop.stop();
    this.reclaim.stop();
    this.source?.setListener(undefined);
  }
}
