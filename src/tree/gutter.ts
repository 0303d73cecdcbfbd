import type { Row, Span } from "../render/style.ts";
import { prefixRow } from "../render/text.ts";

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

  /** The prefixed row, the same object each time for the same row. */
  apply(row: Row, isFirst: boolean): Row {
    const cache = isFirst ? this.first : this.rest;
    let out = cache.get(row);
    if (!out) {
      out = this.prefix(row, isFirst);
      cache.set(row, out);
    }
    return out;
  }

  /** A prefixed row without the identity cache, for rows that are packed straight away. */
  prefix(row: Row, isFirst: boolean): Row {
    const prefix = isFirst ? this.firstSpan : this.restSpan;
    return prefixRow([prefix], prefix.width, row);
  }
}
