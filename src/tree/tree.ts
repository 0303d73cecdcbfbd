import type { Block, ReasoningBlock, TextBlock, ToolBlock, TranscriptListener } from "../session/blocks.ts";
import type { Row } from "../render/style.ts";
import type { Theme } from "../render/theme.ts";
import { createNode } from "./create-node.ts";
import { HeightIndex } from "./height-index.ts";
import type { Overlay, RenderEnv, TreeNode } from "./node.ts";
import { Viewport } from "./viewport.ts";

/** Deterministic work counters; tests and the benchmark read them, nothing else does. */
export interface TreeCounters {
  /** Node renders (cache misses), however many rows each produced. */
  nodesRendered: number;
  evictions: number;
}

export interface TreeOptions {
  theme: Theme;
  now: () => number;
  /** Budget for cached rows of off-screen, finished nodes before the oldest are evicted. */
  cacheBudgetBytes?: number;
}

/**
 * The transcript as a retained tree: one node per block, each caching its rows.
 * Stream events only append to a node and mark it dirty; `layout()` (called by the
 * frame loop at most fps times a second) renders dirty nodes and visible stale ones,
 * nothing else. Heights sit in a Fenwick tree so the view finds any row in O(log n).
 */
export class TranscriptTree implements TranscriptListener {
  readonly nodes: TreeNode[] = [];
  readonly heights = new HeightIndex();
  readonly viewport = new Viewport(this.heights);
  readonly counters: TreeCounters = { nodesRendered: 0, evictions: 0 };
  /** Called whenever something needs a frame. */
  onInvalidate: () => void = () => {};

  private readonly byId = new Map<number, TreeNode>();
  private readonly dirty = new Set<TreeNode>();
  /** Evictable nodes holding rows, least recently shown first. */
  private readonly cached = new Map<TreeNode, true>();
  private cacheBytes = 0;
  private width = 0;
  private readonly theme: Theme;
  private pendingRescale: { node: TreeNode; oldHeight: number } | null = null;
  private budget: number;

  constructor(private readonly options: TreeOptions) {
    this.theme = options.theme;
    // about 2,500 rows: dozens of screens of scroll-back stay cached, the rest is rebuilt on demand
    this.budget = options.cacheBudgetBytes ?? 1024 * 1024;
  }

  // --- TranscriptListener: cheap bookkeeping only, never rendering ---

  added(block: Block): void {
    const node = createNode(block);
    node.index = this.nodes.length;
    if (node.index === 0) node.marginTop = 0;
    node.seedEstimate(this.width);
    this.nodes.push(node);
    this.byId.set(block.id, node);
    this.heights.push(node.height);
    this.markDirty(node);
    this.viewport.noteOutput();
  }

  appended(block: TextBlock | ReasoningBlock | ToolBlock, delta: string): void {
    const node = this.byId.get(block.id);
    if (!node) return;
    node.append(delta);
    this.markDirty(node);
  }

  changed(block: Block): void {
    const node = this.byId.get(block.id);
    if (!node) return;
    node.changed();
    this.markDirty(node);
  }

  cleared(): void {
    this.nodes.length = 0;
    this.byId.clear();
    this.dirty.clear();
    this.cached.clear();
    this.cacheBytes = 0;
    this.heights.clear();
    this.viewport.reset();
    this.onInvalidate();
  }

  // --- layout ---

  setWidth(width: number): void {
    if (width === this.width) return;
    const old = this.width;
    this.width = width;
    if (old === 0) return;
    const anchor = this.viewport.pinned ? null : this.nodes[this.viewport.anchor().index];
    if (anchor) this.pendingRescale = { node: anchor, oldHeight: anchor.height };
    // every node is stale now; heights become estimates until a node is shown again
    for (const node of this.nodes) {
      node.rescaleEstimate(old, width);
      this.heights.set(node.index, node.height);
    }
    this.onInvalidate();
  }

  setCacheBudget(bytes: number): void {
    this.budget = bytes;
    this.evictOverBudget();
  }

  /** Renders dirty nodes, then any visible node whose cache is stale; evicts over budget. */
  layout(): void {
    const env: RenderEnv = { width: this.width, theme: this.theme, now: this.options.now() };
    for (const node of this.dirty) {
      // off-screen nodes that only went stale wait until they are shown
      if (this.isVisible(node) || node.rows !== null) this.render(node, env);
    }
    this.dirty.clear();
    // rendering can change heights and so what is visible: repeat until it settles
    for (let pass = 0; pass < 8; pass++) {
      let rendered = false;
      this.forEachVisibleNode((node) => {
        if (node.needsRender(env.width)) rendered = this.render(node, env) || rendered;
      });
      if (!rendered) break;
    }
    this.forEachVisibleNode((node) => this.touch(node));
    this.evictOverBudget();
  }

  private render(node: TreeNode, env: RenderEnv): boolean {
    const before = node.cachedBytes;
    if (!node.layout(env)) return false;
    this.counters.nodesRendered++;
    this.cacheBytes += node.cachedBytes - before;
    if (node.evictable && node.rows) this.touch(node);
    const oldHeight = this.heights.height(node.index);
    this.heights.set(node.index, node.height);
    if (this.pendingRescale?.node === node) {
      this.viewport.rescaleAnchor(node.index, this.pendingRescale.oldHeight, node.height);
      this.pendingRescale = null;
    }
    if (node.height > oldHeight && this.heights.top(node.index) + node.height > this.viewport.top() + this.viewport.height) {
      this.viewport.noteOutput();
    }
    return true;
  }

  private touch(node: TreeNode): void {
    if (!node.evictable || !node.rows) return;
    this.cached.delete(node);
    this.cached.set(node, true);
  }

  private evictOverBudget(): void {
    if (this.cacheBytes <= this.budget) return;
    for (const node of this.cached.keys()) {
      if (this.cacheBytes <= this.budget) break;
      if (this.isVisible(node) || !node.evictable) continue;
      this.cacheBytes -= node.cachedBytes;
      node.evict();
      this.cached.delete(node);
      this.counters.evictions++;
    }
  }

  // --- what is on screen ---

  private isVisible(node: TreeNode): boolean {
    const top = this.viewport.top();
    const nodeTop = this.heights.top(node.index);
    return nodeTop < top + this.viewport.height && nodeTop + node.height > top;
  }

  forEachVisibleNode(fn: (node: TreeNode, nodeTop: number) => void): void {
    if (this.nodes.length === 0) return;
    const top = this.viewport.top();
    const bottom = top + this.viewport.height;
    let { index } = this.heights.find(top);
    let y = this.heights.top(index);
    for (; index < this.nodes.length && y < bottom; index++) {
      const node = this.nodes[index]!;
      fn(node, y);
      y += node.height;
    }
  }

  /** Calls `fn` for every screen row with the row drawn there (null for a blank row). */
  forEachVisibleRow(fn: (screenY: number, row: Row | null, node: TreeNode | null, rowInNode: number) => void): void {
    const top = this.viewport.top();
    const height = this.viewport.height;
    let filled = 0;
    this.forEachVisibleNode((node, nodeTop) => {
      for (let r = Math.max(0, top - nodeTop); r < node.height; r++) {
        const y = nodeTop + r - top;
        if (y >= height) break;
        const content = r - node.marginTop;
        fn(y, content >= 0 ? (node.rows?.at(content) ?? null) : null, node, content);
        filled = y + 1;
      }
    });
    for (let y = filled; y < height; y++) fn(y, null, null, -1);
  }

  /** Animated overlays of the visible nodes, in screen coordinates. */
  visibleOverlays(now: number): Overlay[] {
    const top = this.viewport.top();
    const out: Overlay[] = [];
    this.forEachVisibleNode((node, nodeTop) => {
      if (!node.animates(now)) return;
      for (const o of node.overlays(now, this.theme)) {
        const y = nodeTop + node.marginTop + o.row - top;
        if (y >= 0 && y < this.viewport.height) out.push({ ...o, row: y });
      }
    });
    return out;
  }

  animating(now: number): boolean {
    let any = false;
    this.forEachVisibleNode((node) => {
      any ||= node.animates(now);
    });
    return any;
  }

  /** The node and content row at a screen row, for clicks and selection. */
  hit(screenY: number): { node: TreeNode; row: number } | null {
    const abs = this.viewport.top() + screenY;
    if (abs >= this.heights.total || this.nodes.length === 0) return null;
    const { index, offset } = this.heights.find(abs);
    const node = this.nodes[index]!;
    return { node, row: offset - node.marginTop };
  }

  /** Expands or collapses a node, keeping its header where it is on screen. */
  toggle(node: TreeNode): void {
    if (!node.collapsible) return;
    node.toggle();
    this.markDirty(node);
  }

  private markDirty(node: TreeNode): void {
    this.dirty.add(node);
    this.onInvalidate();
  }
}
