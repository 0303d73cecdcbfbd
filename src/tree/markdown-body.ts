import type { ReasoningBlock, TextBlock } from "../session/blocks.ts";
import { renderMarkdown } from "../render/markdown.ts";
import type { Row } from "../render/style.ts";
import { MarkdownStream } from "../render/stream.ts";
import type { Theme } from "../render/theme.ts";
import type { Gutter } from "./gutter.ts";
import { TreeNode } from "./node.ts";

/**
 * Markdown content of a node, behind a gutter and under optional header rows.
 * While the source streams it goes through a MarkdownStream: only the open tail is
 * re-lexed, and only rows from the first changed one are re-prefixed and replaced
 * in the output array, so a frame's work stays proportional to the tail. Once
 * complete it is a plain full render, which the stream's result equals.
 */
export class MarkdownBody {
  private stream: MarkdownStream | null = null;
  private readonly out: Row[] = [];
  private width = -1;
  private headerCount = 0;

  constructor(private readonly gutter: Gutter) {}

  /** Called with each delta; before the first render the source already holds it. */
  append(delta: string): void {
    this.stream?.append(delta);
  }

  rows(source: string, live: boolean, width: number, theme: Theme, header: readonly Row[] = []): Row[] {
    const inner = Math.max(1, width - this.gutter.width);
    const out = this.out;
    const sameHeader = header.length === this.headerCount && header.every((r, i) => out[i] === r);
    if (!sameHeader) {
      out.length = 0;
      out.push(...header);
      this.headerCount = header.length;
    }
    if (!live && !this.stream) {
      const rows = renderMarkdown(source, inner, theme);
      this.place(rows, 0, false);
      this.width = inner;
      return out;
    }
    let first: number;
    if (!this.stream) {
      this.stream = new MarkdownStream(inner, theme);
      this.stream.append(source);
      first = 0;
      this.stream.update();
    } else if (inner !== this.width) {
      this.stream.setWidth(inner);
      this.stream.update();
      first = 0;
    } else {
      first = this.stream.update();
    }
    if (!live) first = Math.min(first, this.stream.finish());
    this.width = inner;
    this.place(this.stream.rows, sameHeader ? first : 0, live);
    if (!live) this.stream = null;
    return out;
  }

  /**
   * Replaces body rows from `first` on, keeping the earlier (frozen) ones in place. Live rows
   * keep one identity per inner row (the view diffs by identity); finished ones are packed
   * by the node at once, so caching them would be wasted.
   */
  private place(rows: readonly Row[], first: number, live: boolean): void {
    const out = this.out;
    const base = this.headerCount;
    if (out.length > base + first) out.length = base + first;
    const gutter = this.gutter;
    for (let i = out.length - base; i < rows.length; i++) out.push(live ? gutter.apply(rows[i]!, i === 0) : gutter.prefix(rows[i]!, i === 0));
  }
}

/**
 * A node whose content is markdown in a MarkdownBody (answers, reasoning). Streaming
 * deltas go to the body; once finished the node is packed and the body let go.
 */
export abstract class MarkdownNode<B extends TextBlock | ReasoningBlock> extends TreeNode<B> {
  protected body: MarkdownBody | null = null;

  override append(delta: string): void {
    super.append(delta);
    this.body?.append(delta);
  }

  override get evictable(): boolean {
    return !this.block.streaming;
  }

  protected override releaseCaches(): void {
    this.body = null;
  }
}
