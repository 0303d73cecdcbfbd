import type { TextBlock } from "../session/blocks.ts";
import type { Row } from "../render/style.ts";
import { span, wrapSpans } from "../render/text.ts";
import { Gutter } from "./gutter.ts";
import { MarkdownBody, MarkdownNode } from "./markdown-body.ts";
import type { RenderEnv } from "./node.ts";

/** An assistant answer: markdown behind a "●" gutter, marked when it was interrupted. */
export class TextNode extends MarkdownNode<TextBlock> {
  protected renderRows(env: RenderEnv): Row[] {
    this.body ??= new MarkdownBody(new Gutter(span("● ", env.theme.ui.accent), span("  ", env.theme.ui.muted)));
    const rows = this.body.rows(this.block.text, this.block.streaming, env.width, env.theme);
    if (!this.block.interrupted || this.block.streaming) return rows;
    return [...rows, ...wrapSpans([span("  ⎿ interrupted", env.theme.ui.muted)], env.width)];
  }
}
