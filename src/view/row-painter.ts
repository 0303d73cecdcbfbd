import { OptimizedBuffer, RGBA, StyledText, TextBuffer, TextBufferView, type RenderContext } from "@opentui/core";
import type { Color, Row, Style } from "../render/style.ts";

interface NativeStyle {
  fg: RGBA;
  bg: RGBA;
  attrs: number;
}

const DEFAULT_FG = RGBA.defaultForeground();
const DEFAULT_BG = RGBA.defaultBackground();

/**
 * Copies rows (already rendered, never markdown) into a native buffer. Styles are
 * interned by the render stage, so their native colours are converted once and
 * looked up by identity afterwards.
 */
export class RowPainter {
  private readonly natives = new Map<Style, NativeStyle>();
  private readonly fills = new Map<Color, RGBA>();
  private linkText: TextBuffer | null = null;
  private linkView: TextBufferView | null = null;
  spansDrawn = 0;
  rowsDrawn = 0;

  constructor(private readonly ctx: RenderContext) {}

  /** Draws `row` at screen row `y`, clearing the rest of the line. `row === null` is a blank line. */
  paint(buffer: OptimizedBuffer, row: Row | null, y: number, width: number): void {
    this.rowsDrawn++;
    const fill = row?.fill !== undefined ? this.fill(row.fill) : DEFAULT_BG;
    buffer.fillRect(0, y, width, 1, fill);
    if (!row) return;
    let x = 0;
    for (const span of row.spans) {
      if (x >= width) break;
      if (span.width > 0) {
        const s = this.native(span.style);
        if (span.style.link !== undefined) this.paintLink(buffer, span.text, span.style.link, x, y, s);
        else buffer.drawText(span.text, x, y, s.fg, s.bg === DEFAULT_BG ? fill : s.bg, s.attrs);
        this.spansDrawn++;
      }
      x += span.width;
    }
  }

  native(style: Style): NativeStyle {
    let n = this.natives.get(style);
    if (!n) {
      n = {
        fg: style.fg === undefined ? DEFAULT_FG : toRGBA(style.fg),
        bg: style.bg === undefined ? DEFAULT_BG : toRGBA(style.bg),
        attrs: style.attrs,
      };
      this.natives.set(style, n);
    }
    return n;
  }

  private fill(color: Color): RGBA {
    let c = this.fills.get(color);
    if (!c) this.fills.set(color, (c = toRGBA(color)));
    return c;
  }

  /** Plain drawText cannot carry OSC 8; a one-chunk styled text buffer can. */
  private paintLink(buffer: OptimizedBuffer, text: string, url: string, x: number, y: number, s: NativeStyle): void {
    if (!this.linkText) {
      this.linkText = TextBuffer.create("unicode", this.ctx.nativeScene);
      this.linkView = TextBufferView.create(this.linkText);
      this.linkView.setWrapMode("none");
    }
    this.linkText.setStyledText(
      new StyledText([{ __isChunk: true, text, fg: s.fg, bg: s.bg, attributes: s.attrs, link: { url } }]),
    );
    buffer.drawTextBuffer(this.linkView!, x, y);
  }

  destroy(): void {
    this.linkView?.destroy();
    this.linkText?.destroy();
  }
}

export function toRGBA(color: Color): RGBA {
  return typeof color === "number" ? RGBA.fromIndex(color) : RGBA.fromHex(color);
}
