import type { TextBlock } from "../session/blocks.ts";
import type { Row } from "../render/style.ts";
import { wrapSpans } from "../render/text.ts";
import { Gutter } from "./gutter.ts";
import { MarkdownBody } from "./markdown-body.ts";
import { TreeNode, type RenderEnv } from "./node.ts";
import { glyphSpan } from "./spans.ts";

/** An assistant answer: markdown behind a "●" gutter, marked when it was interrupted. */
export class TextNode extends TreeNode<TextBlock> {
  private body: MarkdownBody | null = null;

  override append(delta: string): void {
    super.append(delta);
    this.body?.append(delta);
  }

  override get evictable(): boolean {
    return !this.block.streaming;
  }

  protected renderRows(env: RenderEnv): Row[] {
    this.body ??= new MarkdownBody(new Gutter(glyphSpan("● ", env.theme.ui.accent), glyphSpan("  ", env.theme.ui.muted)));
    const rows = this.body.rows(this.block.text, this.block.streaming, env.width, env.theme);
    if (!this.block.interrupted || this.block.streaming) return rows;
    return [...rows, ...wrapSpans([glyphSpan("  ⎿ interrupted", env.theme.ui.muted)], env.width)];
  }

  protected override releaseCaches(): void {
    this.body?.release();
    this.body = null;
  }
}
