import type { Block } from "../session/blocks.ts";
import type { Row, Style } from "../render/style.ts";
import type { Theme } from "../render/theme.ts";
import { PackedRows, type RowList } from "./packed-rows.ts";

/** Cells an animation repaints on top of a node's cached rows; never part of the rows. */
export interface Overlay {
  /** Row inside the node's content (0 = first content row). */
  row: number;
  col: number;
  text: string;
  style: Style;
}

export interface RenderEnv {
  width: number;
  theme: Theme;
  now: number;
}

/**
 * One block of the transcript with its rendered rows cached for a
 * (width, version, collapsed) key. Subclasses say how a kind of block renders;
 * this class decides when that is necessary, so rendering happens only for nodes
 * whose key changed.
 */
export abstract class TreeNode<B extends Block = Block> {
  /** Position in the tree (and in its height index). */
  index = 0;
  /** Bumped on every content change; part of the cache key. */
  version = 0;
  collapsed = false;
  /** Content rows (margin excluded); null until rendered, or after eviction. */
  rows: RowList | null = null;
  /** Blank rows above the content that separate it from the node before. */
  marginTop = 1;
  /** Row count to assume while `rows` is stale or evicted. */
  private estimate = 0;
  private key = { width: -1, version: -1, collapsed: false };
  private bytes = 0;

  constructor(readonly block: B) {}

  get height(): number {
    return this.marginTop + (this.rows ? this.rows.length : this.estimate);
  }

  needsRender(width: number): boolean {
    const k = this.key;
    return this.rows === null || k.width !== width || k.version !== this.version || k.collapsed !== this.collapsed;
  }

  /** Renders if the key changed; returns whether rows were produced. */
  layout(env: RenderEnv): boolean {
    if (!this.needsRender(env.width)) return false;
    const rows = this.renderRows(env);
    this.key = { width: env.width, version: this.version, collapsed: this.collapsed };
    this.estimate = rows.length;
    if (this.evictable) {
      // finished rows never change in place, so they are packed and the renderer's copies let go
      const packed = new PackedRows(rows);
      this.releaseCaches();
      this.rows = packed;
      this.bytes = packed.bytes;
    } else {
      this.rows = rows;
      this.bytes = 0;
    }
    return true;
  }

  /** A height to assume before the first render, so unseen nodes still take up room. */
  seedEstimate(width: number): void {
    if (this.rows === null) this.estimate = Math.max(1, this.approxRows(Math.max(20, width || 80)));
  }

  protected approxRows(width: number): number {
    const text = "text" in this.block ? this.block.text : "message" in this.block ? this.block.message : "";
    let lines = 1;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
    return lines + Math.floor(text.length / width);
  }

  /** After a resize, guesses the new height from the old one until the node is rendered again. */
  rescaleEstimate(oldWidth: number, newWidth: number): void {
    if (this.rows && oldWidth > 0) this.estimate = Math.max(1, Math.round((this.rows.length * oldWidth) / newWidth));
  }

  /** Drops the cached rows; they are rebuilt from the block when next needed. */
  evict(): void {
    if (this.rows) this.estimate = this.rows.length;
    this.rows = null;
    this.bytes = 0;
    this.releaseCaches();
  }

  /** Whether this node can be evicted (streaming nodes hold live state). */
  get evictable(): boolean {
    return true;
  }

  /** Text appended by the stream (text, reasoning, tool arguments). */
  append(_delta: string): void {
    this.version++;
  }

  changed(): void {
    this.version++;
  }

  /** Whether the node has an animated overlay at `now`. */
  animates(_now: number): boolean {
    return false;
  }

  overlays(_now: number, _theme: Theme): Overlay[] {
    return [];
  }

  /** Whether a click or the toggle key can collapse/expand this node. */
  get collapsible(): boolean {
    return false;
  }

  toggle(): void {
    if (this.collapsible) this.collapsed = !this.collapsed;
  }

  /** Rough bytes the cached rows hold, for the eviction budget; counted only for evictable nodes. */
  get cachedBytes(): number {
    return this.bytes;
  }

  protected abstract renderRows(env: RenderEnv): Row[] | readonly Row[];

  protected releaseCaches(): void {}
}
