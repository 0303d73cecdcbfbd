import type { Row } from "../render/style.ts";
import { isDecoration } from "../tree/gutter.ts";
import { graphemes, stringWidth } from "../render/text.ts";

export interface Cell {
  /** Absolute transcript row, so a selection survives scrolling. */
  row: number;
  col: number;
}

/** A drag selection over transcript cells; copying yields plain text without gutters or escapes. */
export class Selection {
  readonly start: Cell;
  readonly end: Cell;

  constructor(a: Cell, b: Cell) {
    const ordered = a.row < b.row || (a.row === b.row && a.col <= b.col);
    this.start = ordered ? a : b;
    this.end = ordered ? b : a;
  }

  /** The selected cells of each screen row, for painting the highlight. */
  screenRange(top: number, height: number): { y: number; from: number; to: number }[] {
    const out: { y: number; from: number; to: number }[] = [];
    for (let row = Math.max(this.start.row, top); row <= Math.min(this.end.row, top + height - 1); row++) {
      out.push({
        y: row - top,
        from: row === this.start.row ? this.start.col : 0,
        to: row === this.end.row ? this.end.col + 1 : Number.MAX_SAFE_INTEGER,
      });
    }
    return out;
  }

  text(rowAt: (row: number) => Row | null): string {
    const lines: string[] = [];
    for (let row = this.start.row; row <= this.end.row; row++) {
      const r = rowAt(row);
      const from = row === this.start.row ? this.start.col : 0;
      const to = row === this.end.row ? this.end.col + 1 : Number.MAX_SAFE_INTEGER;
      lines.push(r ? sliceCells(r, from, to).trimEnd() : "");
    }
    return lines.join("\n");
  }
}

/** The text of the cells [from, to) of a row, skipping decorative spans (gutters, markers). */
export function sliceCells(row: Row, from: number, to: number): string {
  let x = 0;
  let out = "";
  for (const span of row.spans) {
    if (x >= to) break;
    if (isDecoration(span) || x + span.width <= from) {
      x += span.width;
      continue;
    }
    for (const g of graphemes(span.text)) {
      const width = stringWidth(g);
      if (x >= from && x + width <= to) out += g;
      x += width;
    }
  }
  return out;
}

