/**
 * GFM tables that fit the width: columns start at their natural width; when the sum is too
 * wide every column keeps at least its longest word (capped) and the rest of the room is
 * shared out in proportion to what each column still wants, cells wrapping inside. When not
 * even one cell per column fits, each row is shown as "header: value" lines instead.
 */
import type { Token, Tokens } from "marked";
import type { BlockRenderer, InlineSink } from "./markdown.ts";
import { layer, PLAIN, type Row, type Span, type Style } from "./style.ts";
import { EMPTY_ROW, isPlainAscii, spaces, span, stringWidth, Wrapper } from "./text.ts";

/** Longest word kept whole when columns must shrink; longer words break. */
const MIN_WORD_CAP = 12;

/**
 * One cell's inline content, recorded once: its pieces (replayed into a Wrapper only if
 * the cell must wrap) and its widths (natural = widest line, longest word).
 */
class Cell implements InlineSink {
  readonly texts: string[] = [];
  readonly styles: Style[] = [];
  readonly widths: number[] = [];
  /** Indices of hard breaks among the pieces (rare: made on the first). */
  breaks: number[] | null = null;
  line = 0;
  natural = 0;
  word = 0;
  longestWord = 0;
  /** A hard break or a tab: the cell goes through the wrapper whatever its width. */
  wrap = false;
  text(s: string, style: Style): void {
    const n = s.length;
    const ascii = isPlainAscii(s);
    if (!ascii && s.includes("\t")) this.wrap = true;
    this.texts.push(s);
    this.styles.push(style);
    this.widths.push(ascii ? n : stringWidth(s));
    let i = 0;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9) {
        this.word = 0;
        this.line++;
        i++;
        continue;
      }
      let j = ascii ? s.indexOf(" ", i + 1) : i + 1;
      if (j < 0) j = n;
      if (!ascii) while (j < n && s.charCodeAt(j) !== 32 && s.charCodeAt(j) !== 9) j++;
      const w = ascii ? j - i : stringWidth(j - i === n ? s : s.slice(i, j));
      this.word += w;
      this.line += w;
      if (this.word > this.longestWord) this.longestWord = this.word;
      if (this.line > this.natural) this.natural = this.line;
      i = j;
    }
  }
  hardBreak(): void {
    this.wrap = true;
    (this.breaks ??= []).push(this.texts.length);
    this.texts.push("");
    this.styles.push(PLAIN);
    this.widths.push(0);
    this.line = 0;
    this.word = 0;
  }

  /** The cell's rows at `width`: one row built directly when it fits, else wrapped. */
  layout(r: BlockRenderer, width: number): Row[] {
    const n = this.texts.length;
    const edgeSpace = n > 0 && (this.texts[0]!.startsWith(" ") || this.texts[n - 1]!.endsWith(" "));
    if (this.wrap || this.natural > width || edgeSpace) {
      const w = r.wrapper(width);
      for (let k = 0; k < n; k++) {
        if (this.breaks?.includes(k)) w.hardBreak();
        else w.text(this.texts[k]!, this.styles[k]!);
      }
      return w.finish();
    }
    const spans: Span[] = [];
    let total = 0;
    for (let k = 0; k < n; k++) {
      const text = this.texts[k]!;
      if (text.length === 0) continue;
      const style = this.styles[k]!;
      const w = this.widths[k]!;
      const last = spans[spans.length - 1];
      if (last && last.style === style) spans[spans.length - 1] = { text: last.text + text, style, width: last.width + w };
      else spans.push({ text, style, width: w });
      total += w;
    }
    return [{ spans, width: total }];
  }
}

type Align = "left" | "center" | "right" | null;

function distribute(natural: number[], minimum: number[], avail: number): number[] {
  const n = natural.length;
  const sumNat = natural.reduce((a, b) => a + b, 0);
  if (sumNat <= avail) return natural;
  let mins = minimum.slice();
  let sumMin = mins.reduce((a, b) => a + b, 0);
  if (sumMin > avail) {
    // Even the words do not fit: shrink the minimums proportionally, one cell at least.
    const scale = avail / sumMin;
    mins = mins.map((m) => Math.max(1, Math.floor(m * scale)));
    sumMin = mins.reduce((a, b) => a + b, 0);
    for (let c = 0; sumMin > avail; c = (c + 1) % n) {
      if (mins[c]! > 1) {
        mins[c]!--;
        sumMin--;
      }
    }
    return mins;
  }
  const widths = mins.slice();
  const extra = avail - sumMin;
  const want = natural.map((w, c) => w - mins[c]!);
  const sumWant = want.reduce((a, b) => a + b, 0);
  let given = 0;
  for (let c = 0; c < n; c++) {
    const add = sumWant > 0 ? Math.floor((extra * want[c]!) / sumWant) : 0;
    widths[c]! += add;
    given += add;
  }
  for (let c = 0; given < extra; c = (c + 1) % n) {
    if (widths[c]! < natural[c]!) {
      widths[c]!++;
      given++;
    } else if (widths.every((w, k) => w >= natural[k]!)) break;
  }
  return widths;
}

/** Appends the cell's spans to `out`, padded to `width` as the column is aligned. */
function aligned(out: Span[], row: Row, width: number, align: Align, fillStyle: Style): void {
  const gap = width - row.width;
  const left = gap <= 0 ? 0 : align === "right" ? gap : align === "center" ? gap >> 1 : 0;
  const right = gap <= 0 ? 0 : gap - left;
  if (left > 0) out.push({ text: spaces(left), style: fillStyle, width: left });
  for (const s of row.spans) out.push(s);
  if (right > 0) out.push({ text: spaces(right), style: fillStyle, width: right });
}

export function renderTable(r: BlockRenderer, table: Tokens.Table, width: number, base: Style): Row[] {
  const t = r.theme;
  const cols = table.header.length;
  if (cols === 0) return [];
  const headerStyle = layer(base, t.tableHeader);
  const cellsOf = (row: readonly Tokens.TableCell[]): readonly Token[][] => {
    const cells: Token[][] = new Array(cols);
    for (let c = 0; c < cols; c++) cells[c] = row[c]?.tokens ?? [];
    return cells;
  };
  const header = cellsOf(table.header);
  const body = table.rows.map(cellsOf);
  const avail = width - (3 * cols + 1);
  if (avail < cols) return vertical(r, header, body, width, base, headerStyle);

  const natural = new Array<number>(cols).fill(1);
  const minimum = new Array<number>(cols).fill(1);
  const record = (cells: readonly Token[][], style: Style): Cell[] => {
    const out: Cell[] = new Array(cols);
    for (let c = 0; c < cols; c++) {
      const cell = (out[c] = new Cell());
      r.inline(cells[c]!, style, cell);
      if (cell.natural > natural[c]!) natural[c] = cell.natural;
      const word = Math.min(cell.longestWord, MIN_WORD_CAP);
      if (word > minimum[c]!) minimum[c] = word;
    }
    return out;
  };
  const headerCells = record(header, headerStyle);
  const bodyCells = body.map((row) => record(row, base));
  const widths = distribute(natural, minimum.map((m, c) => Math.min(m, natural[c]!)), avail);

  const border = t.tableBorder;
  // Every border and cell row is this wide: a bar, then each column padded by a space
  // each side and closed by a bar (box-drawing characters take one cell each).
  let total = 1;
  for (let c = 0; c < cols; c++) total += widths[c]! + 3;
  const segments = widths.map((w) => "─".repeat(w + 2));
  const rule = (l: string, m: string, rr: string): Row => {
    const text = l + segments.join(m) + rr;
    return { spans: [{ text, style: border, width: total }], width: total };
  };
  const bar = span("│", border);
  const pad = span(" ", base);
  const aligns = table.align as readonly Align[];
  const out: Row[] = [rule("┌", "┬", "┐")];
  const emit = (cells: readonly Cell[]) => {
    const wrapped = cells.map((cell, c) => cell.layout(r, widths[c]!));
    const height = Math.max(...wrapped.map((rows) => rows.length));
    for (let line = 0; line < height; line++) {
      const spans: Span[] = [bar];
      for (let c = 0; c < cols; c++) {
        spans.push(pad);
        aligned(spans, wrapped[c]![line] ?? EMPTY_ROW, widths[c]!, aligns[c] ?? null, base);
        spans.push(pad, bar);
      }
      out.push({ spans, width: total });
    }
  };
  emit(headerCells);
  out.push(rule("├", "┼", "┤"));
  for (const row of bodyCells) emit(row);
  out.push(rule("└", "┴", "┘"));
  return out;
}

/** Too many columns for the width: one "header: value" block per row, rules between. */
function vertical(r: BlockRenderer, header: readonly Token[][], body: readonly (readonly Token[][])[], width: number, base: Style, headerStyle: Style): Row[] {
  const out: Row[] = [];
  const rule: Row = { spans: [span("─".repeat(width), r.theme.tableBorder)], width };
  for (const row of body.length > 0 ? body : [header]) {
    if (out.length > 0) out.push(rule);
    for (let c = 0; c < header.length; c++) {
      const w = new Wrapper(width);
      r.inline(header[c]!, headerStyle, w);
      w.text(": ", headerStyle);
      if (row !== header) r.inline(row[c]!, base, w);
      for (const x of w.finish()) out.push(x);
    }
  }
  return out;
}
