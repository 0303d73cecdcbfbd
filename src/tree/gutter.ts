import type { Row, Span } from "../render/style.ts";

const decorations = new WeakSet<Span>();

/** Marks a span as decoration (a gutter glyph, an indent): copying text leaves it out. */
export function decoration(span: Span): Span {
  decorations.add(span);
  return span;
}

export function isDecoration(span: Span): boolean {
  return decorations.has(span);
}

/**
 * Prefixes rows with a fixed-width gutter (the block's glyph on its first row,
 * blanks below). Each prefixed row is cached against the row it wraps, so a frozen
 * row keeps one identity for as long as it lives and the view's identity diff
 * never redraws it.
 */
export class Gutter {
  private readonly first = new WeakMap<Row, Row>();
  private readonly rest = new WeakMap<Row, Row>();

  constructor(
    readonly firstSpan: Span,
    readonly restSpan: Span,
  ) {
    decoration(firstSpan);
    decoration(restSpan);
  }

  get width(): number {
    return this.firstSpan.width;
  }

  apply(row: Row, isFirst: boolean): Row {
    const cache = isFirst ? this.first : this.rest;
    let out = cache.get(row);
    if (!out) {
      const prefix = isFirst ? this.firstSpan : this.restSpan;
      out = { spans: [prefix, ...row.spans], width: prefix.width + row.width, ...(row.fill !== undefined && { fill: row.fill }) };
      cache.set(row, out);
    }
    return out;
  }
}
