/**
 * Terminal text: how many cells a string takes, and greedy word wrap of styled text into
 * rows that never exceed the width. Widths follow OpenTUI's native "unicode" method, so
 * rows measured here line up cell for cell when the view copies them into its buffers.
 */
import { PLAIN, type Row, type Span, type Style } from "./style.ts";
import { WIDTH_FIXES } from "./width-table.ts";

/** Columns between tab stops; tabs are expanded to spaces before anything is measured. */
export const TAB_WIDTH = 4;

const hex = (n: number) => n.toString(16);
const FIX_RE = new RegExp(`[\\u{fe0f}${WIDTH_FIXES.map(([a, b]) => `\\u{${hex(a)}}-\\u{${hex(b)}}`).join("")}]`, "u");
const VS16 = 0xfe0f;
const KEYCAP = 0x20e3;

function fixFor(cp: number): number {
  let lo = 0;
  let hi = WIDTH_FIXES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b, d] = WIDTH_FIXES[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return d;
  }
  return 0;
}

function nonAsciiWidth(s: string): number {
  let w = Bun.stringWidth(s, { countAnsiEscapeCodes: true });
  if (!FIX_RE.test(s)) return w;
  const cps = Array.from(s, (ch) => ch.codePointAt(0)!);
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!;
    const prev = cps[i - 1] ?? 0;
    // Two fixes depend on the neighbours: OpenTUI widens any character VS16 follows,
    // and counts a keycap mark as its own cell unless it completes an emoji keycap.
    if (cp === VS16) w += prev > 0 && prev < 0x80 && cps[i + 1] !== KEYCAP ? 1 : 0;
    else if (cp === KEYCAP) w += prev === VS16 ? 0 : fixFor(cp);
    else w += fixFor(cp);
  }
  return w;
}

/** Cells `s` occupies (grapheme clusters; wide = 2, combining marks = 0; controls count 0). */
export function stringWidth(s: string): number {
  return isPlainAscii(s) ? s.length : nonAsciiWidth(s);
}

/** True when every UTF-16 unit is printable ASCII, so width = length and any cut is safe. */
export function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Where the last grapheme cluster of `s` starts. Text that is still arriving can be
 * measured up to there: what follows may still join that cluster (a combining mark, a
 * VS16 that widens it), never an earlier one.
 */
export function lastGraphemeStart(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  const c = s.charCodeAt(n - 1);
  if (c >= 0x20 && c <= 0x7e) return n - 1;
  // Half a code point: the cluster before may go on through it.
  if (c >= 0xd800 && c <= 0xdbff) return lastGraphemeStart(s.slice(0, -1));
  // Clusters that change width are short; a longer one (a pile of combining marks) cut
  // here only splits zero-width marks.
  const from = Math.max(0, n - 32);
  let start = from;
  for (const g of segmenter.segment(s.slice(from))) start = from + g.index;
  return start;
}

/** Grapheme clusters of `s` (what a terminal treats as one character). */
export function graphemes(s: string): string[] {
  if (isPlainAscii(s)) return s.split("");
  const out: string[] = [];
  for (const g of segmenter.segment(s)) out.push(g.segment);
  return out;
}

export function span(text: string, style: Style = PLAIN): Span {
  return { text, style, width: stringWidth(text) };
}

export const EMPTY_ROW: Row = Object.freeze({ spans: Object.freeze([]) as readonly Span[], width: 0 });

export function spansWidth(spans: readonly Span[]): number {
  let w = 0;
  for (const s of spans) w += s.width;
  return w;
}

/** Replaces tabs by spaces up to the next tab stop, counting columns from `startCol`. */
export function expandTabs(line: string, startCol = 0): string {
  if (!line.includes("\t")) return line;
  let out = "";
  let col = startCol;
  let from = 0;
  for (let i = 0; i < line.length; i++) {
    if (line.charCodeAt(i) !== 9) continue;
    const piece = line.slice(from, i);
    out += piece;
    col += stringWidth(piece);
    const pad = TAB_WIDTH - (col % TAB_WIDTH);
    out += " ".repeat(pad);
    col += pad;
    from = i + 1;
  }
  return out + line.slice(from);
}

/**
 * The longest prefix of `text` (whole graphemes) that fits `width` cells, and its width.
 * `ascii`: the caller knows text is printable ASCII (spares a scan of a long remainder).
 */
export function fitPrefix(text: string, width: number, ascii = isPlainAscii(text)): { text: string; width: number } {
  if (ascii) {
    const t = text.length <= width ? text : text.slice(0, Math.max(0, width));
    return { text: t, width: t.length };
  }
  let w = 0;
  let end = 0;
  for (const g of segmenter.segment(text)) {
    const gw = stringWidth(g.segment);
    if (w + gw > width) break;
    w += gw;
    end = g.index + g.segment.length;
  }
  return { text: text.slice(0, end), width: w };
}

/** `text` cut to `width` cells, ending in `ellipsis` when something was cut. */
export function truncateToWidth(text: string, width: number, ellipsis = "…"): string {
  if (width <= 0) return "";
  if (stringWidth(text) <= width) return text;
  const ew = stringWidth(ellipsis);
  if (ew > width) return fitPrefix(ellipsis, width).text;
  return fitPrefix(text, width - ew).text + ellipsis;
}

const NON_ASCII = /[^\x20-\x7e]/g;
const wordTexts: string[] = [];
const wordStyles: Style[] = [];
const wordWidths: number[] = [];
const spaceRuns: string[] = [];

/** `n` spaces (shared strings: indents and padding recur on every row). */
export function spaces(n: number): string {
  return (spaceRuns[n] ??= " ".repeat(n));
}

export interface WrapOptions {
  /** Spans put before the first row (a list marker, a quote bar); counted in the width. */
  firstPrefix?: readonly Span[];
  /** Spans put before every later row (the hanging indent). */
  restPrefix?: readonly Span[];
}

/**
 * Greedy word wrap of styled text: breaks at spaces and tabs, never inside a word unless
 * the word alone is wider than the row, then between grapheme clusters. Spaces at a break
 * are dropped; adjacent pieces of one style merge into one span. Always at least one row.
 */
export class Wrapper {
  private readonly rows: Row[] = [];
  private spans: Span[] = [];
  private rowWidth = 0;
  private contentStart = 0;
  private runText = "";
  private runStyle: Style = PLAIN;
  private runWidth = 0;
  // The word being collected: pieces of possibly different styles with no space between
  // (scratch arrays shared by all wrappers: wrapping is never re-entrant, except for a
  // wrapper made by `resume`, which has its own).
  private wordTexts = wordTexts;
  private wordStyles = wordStyles;
  private wordWidths = wordWidths;
  private wordLen = 0;
  private wordWidth = 0;
  /** The current word was wider than a row and has been placed: its next pieces follow it. */
  private placing = false;
  private spaceText = "";
  private spaceStyle: Style = PLAIN;
  private readonly rest: readonly Span[];
  private readonly restWidth: number;
  /** Set by a caller that knows all text will be printable ASCII: skips the checks. */
  asciiOnly = false;

  constructor(
    private readonly width: number,
    first: readonly Span[] = [],
    rest: readonly Span[] = first,
  ) {
    // a prefix that leaves no cell for content would never let a row end: leave it out
    const fw = spansWidth(first);
    const rw = rest === first ? fw : spansWidth(rest);
    const firstWidth = fw < width ? fw : 0;
    this.restWidth = rw < width ? rw : 0;
    this.rest = this.restWidth > 0 ? rest : [];
    this.startRow(firstWidth > 0 ? first : [], firstWidth);
  }

  /**
   * A wrapper for text that keeps arriving between calls (a stream's provisional rows):
   * it has its own scratch arrays, and its first row goes on from `row`'s spans as content
   * (a space before the next word is kept, as it would not be after a prefix).
   */
  static resume(width: number, row?: Row): Wrapper {
    const w = new Wrapper(width);
    w.wordTexts = [];
    w.wordStyles = [];
    w.wordWidths = [];
    if (row && row.width < width) {
      w.spans = row.spans.slice();
      w.rowWidth = row.width;
    }
    return w;
  }

  /** Rows already ended; they never change. */
  get completeRows(): readonly Row[] {
    return this.rows;
  }

  /**
   * The rows `finish()` would add after `completeRows` if `more` came next and then the
   * end; this wrapper is left as it is. Costs the current row and the pending word only.
   */
  peek(more: string, style: Style): Row[] {
    const c = this.copy(false);
    c.lines(more, style);
    return c.finish();
  }

  /** A wrapper that goes on from where this one is, with no complete rows of its own. */
  fork(): Wrapper {
    return this.copy(true);
  }

  private copy(own: boolean): Wrapper {
    const c = new Wrapper(this.width, [], this.rest);
    if (own) {
      c.wordTexts = [];
      c.wordStyles = [];
      c.wordWidths = [];
    }
    c.spans = this.spans.slice();
    c.rowWidth = this.rowWidth;
    c.contentStart = this.contentStart;
    c.runText = this.runText;
    c.runStyle = this.runStyle;
    c.runWidth = this.runWidth;
    c.spaceText = this.spaceText;
    c.spaceStyle = this.spaceStyle;
    c.asciiOnly = this.asciiOnly;
    c.placing = this.placing;
    for (let k = 0; k < this.wordLen; k++) c.addPiece(this.wordTexts[k]!, this.wordStyles[k]!, this.wordWidths[k]!);
    return c;
  }

  /** Adds text in which "\n" is a hard break. */
  lines(s: string, style: Style): void {
    let at = 0;
    for (let nl = s.indexOf("\n"); nl >= 0; nl = s.indexOf("\n", at)) {
      if (nl > at) this.text(s.slice(at, nl), style);
      this.hardBreak();
      at = nl + 1;
    }
    if (at < s.length) this.text(at === 0 ? s : s.slice(at), style);
  }

  private startRow(prefix: readonly Span[], prefixWidth: number): void {
    this.spans = prefix.length > 0 ? prefix.slice() : [];
    this.rowWidth = prefixWidth;
    this.contentStart = prefixWidth;
  }

  private endRun(): void {
    if (this.runText.length > 0) {
      this.spans.push({ text: this.runText, style: this.runStyle, width: this.runWidth });
      this.runText = "";
      this.runWidth = 0;
    }
  }

  private emit(text: string, style: Style, w: number): void {
    if (style !== this.runStyle) {
      this.endRun();
      this.runStyle = style;
    }
    this.runText += text;
    this.runWidth += w;
    this.rowWidth += w;
  }

  private newRow(): void {
    this.endRun();
    this.rows.push({ spans: this.spans, width: this.rowWidth });
    this.startRow(this.rest, this.restWidth);
  }

  /** Adds text; spaces and tabs are break opportunities, everything else is word. */
  text(s: string, style: Style): void {
    if (this.asciiOnly) return this.asciiText(s, style);
    const n = s.length;
    let i = 0;
    // Printable ASCII takes the fast path; only words holding anything else are measured
    // one by one.
    while (i < n) {
      NON_ASCII.lastIndex = i;
      const m = NON_ASCII.exec(s);
      if (!m) {
        this.asciiText(i === 0 ? s : s.slice(i), style);
        return;
      }
      const k = m.index;
      const wordStart = Math.max(i, s.lastIndexOf(" ", k) + 1);
      let wordEnd = s.indexOf(" ", k);
      if (wordEnd < 0) wordEnd = n;
      if (wordStart > i) this.asciiText(s.slice(i, wordStart), style);
      this.anyText(s.slice(wordStart, wordEnd), style);
      i = wordEnd;
    }
  }

  private addPiece(piece: string, style: Style, w: number): void {
    if (this.placing) return this.place(piece, style, w);
    const k = this.wordLen++;
    this.wordTexts[k] = piece;
    this.wordStyles[k] = style;
    this.wordWidths[k] = w;
    this.wordWidth += w;
    // A word wider than a row is cut into rows wherever it starts, so no later piece can
    // change where it goes: place it now (a word still arriving stays cheap to peek at).
    if (this.wordWidth > this.width) {
      this.flushWord();
      this.placing = true;
    }
  }

  /**
   * The common case, printable ASCII without tabs: width is length, and a row's break is
   * found with one lastIndexOf instead of word by word.
   */
  private asciiText(s: string, style: Style): void {
    const n = s.length;
    let pos = 0;
    if (s.charCodeAt(0) !== 32) {
      let j = s.indexOf(" ");
      if (j < 0) j = n;
      this.addPiece(j === n ? s : s.slice(0, j), style, j);
      if (j === n) return;
      pos = j;
    }
    this.flushWord();
    this.spaceText = "";
    const last = s.lastIndexOf(" ");
    const tailWord = last + 1;
    let contentEnd = tailWord;
    while (contentEnd > pos && s.charCodeAt(contentEnd - 1) === 32) contentEnd--;
    while (pos < tailWord) {
      const spStart = pos;
      while (pos < tailWord && s.charCodeAt(pos) === 32) pos++;
      if (pos >= tailWord) {
        this.spaceText = s.slice(spStart, pos);
        this.spaceStyle = style;
        break;
      }
      for (;;) {
        const rowEmpty = this.rowWidth === this.contentStart;
        const from = rowEmpty ? pos : spStart;
        const room = this.width - this.rowWidth;
        let end: number;
        if (contentEnd - from <= room) end = contentEnd;
        else {
          end = s.lastIndexOf(" ", from + room);
          while (end > pos && s.charCodeAt(end - 1) === 32) end--;
          if (end <= pos) end = -1;
        }
        if (end > pos) {
          this.emit(s.slice(from, end), style, end - from);
          pos = end;
          if (pos < contentEnd) this.newRow();
          break;
        }
        if (!rowEmpty) {
          this.newRow();
          continue;
        }
        let wordEnd = s.indexOf(" ", pos);
        if (wordEnd < 0 || wordEnd > contentEnd) wordEnd = contentEnd;
        this.breakPiece(s.slice(pos, wordEnd), style);
        pos = wordEnd;
        break;
      }
    }
    if (tailWord < n) this.addPiece(tailWord === 0 ? s : s.slice(tailWord), style, n - tailWord);
  }

  private anyText(s: string, style: Style): void {
    const n = s.length;
    let i = 0;
    while (i < n) {
      let c = s.charCodeAt(i);
      if (c === 32 || c === 9) {
        this.flushWord();
        let j = i + 1;
        while (j < n && ((c = s.charCodeAt(j)) === 32 || c === 9)) j++;
        if (this.spaceText.length === 0) this.spaceStyle = style;
        this.spaceText += s.slice(i, j);
        i = j;
      } else {
        let j = i + 1;
        while (j < n && (c = s.charCodeAt(j)) !== 32 && c !== 9) j++;
        const piece = i === 0 && j === n ? s : s.slice(i, j);
        this.addPiece(piece, style, stringWidth(piece));
        i = j;
      }
    }
  }

  /** Ends the current row here (a hard line break). */
  hardBreak(): void {
    this.flushWord();
    this.spaceText = "";
    this.newRow();
  }

  private flushWord(): void {
    this.placing = false;
    if (this.wordLen === 0) return;
    const avail = this.width;
    if (this.spaceText.length > 0 && this.rowWidth > this.contentStart) {
      const space = this.expandSpace(this.spaceText);
      if (this.rowWidth + space.length + this.wordWidth <= avail) this.emit(space, this.spaceStyle, space.length);
      else this.newRow();
    }
    this.spaceText = "";
    if (this.rowWidth + this.wordWidth > avail && this.rowWidth > this.contentStart) this.newRow();
    for (let k = 0; k < this.wordLen; k++) this.place(this.wordTexts[k]!, this.wordStyles[k]!, this.wordWidths[k]!);
    this.wordLen = 0;
    this.wordWidth = 0;
  }

  /** One piece of a word whose first row is decided. */
  private place(text: string, style: Style, w: number): void {
    if (this.rowWidth + w <= this.width) this.emit(text, style, w);
    else this.breakPiece(text, style);
  }

  private expandSpace(space: string): string {
    if (!space.includes("\t")) return space;
    return expandTabs(space, this.rowWidth - this.contentStart);
  }

  /** A piece wider than what is left of the row: fill rows grapheme by grapheme. */
  private breakPiece(text: string, style: Style): void {
    if (isPlainAscii(text)) {
      for (let at = 0; at < text.length; ) {
        if (this.rowWidth >= this.width) this.newRow();
        const take = Math.min(this.width - this.rowWidth, text.length - at);
        this.emit(text.slice(at, at + take), style, take);
        at += take;
      }
      return;
    }
    for (const { segment } of segmenter.segment(text)) {
      const w = stringWidth(segment);
      if (this.rowWidth + w > this.width && this.rowWidth > this.contentStart) this.newRow();
      // A grapheme wider than an empty row: show a narrow stand-in rather than overflow.
      if (this.rowWidth + w > this.width) this.emit("…", style, 1);
      else this.emit(segment, style, w);
    }
  }

  finish(): Row[] {
    this.flushWord();
    this.spaceText = "";
    this.endRun();
    this.rows.push({ spans: this.spans, width: this.rowWidth });
    return this.rows;
  }
}

/**
 * Wraps plain styled text (user messages, tool headers, notices): "\n" is a hard break,
 * everything else wraps like prose. Returns at least one row.
 */
export function wrapSpans(
  spans: readonly { readonly text: string; readonly style: Style }[],
  width: number,
  opts: WrapOptions = {},
): Row[] {
  const w = new Wrapper(Math.max(1, width), opts.firstPrefix, opts.restPrefix ?? opts.firstPrefix);
  for (const s of spans) w.lines(s.text, s.style);
  return w.finish();
}

/** `prefix` spans followed by the row's spans; keeps the fill. */
export function prefixRow(prefix: readonly Span[], prefixWidth: number, row: Row): Row {
  const spans = prefix.length === 0 ? row.spans : row.spans.length === 0 ? prefix : [...prefix, ...row.spans];
  const width = prefixWidth + row.width;
  return row.fill === undefined ? { spans, width } : { spans, width, fill: row.fill };
}
