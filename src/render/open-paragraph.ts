/**
 * Rows for an open tail that is one top-level paragraph, lengthened by text that cannot
 * change how marked reads it: that text is wrapped on from the saved wrapper state, in
 * the paragraph's own style, without lexing anything. A stream uses it between two lexes
 * of a short paragraph, so streaming prose costs the new text per update, not the
 * paragraph. The rows are exactly those that lexing the longer paragraph gives.
 *
 * Why appended text `s` leaves everything before it as it was, for paragraph text `t`:
 *
 * - Blocks. `s` has no line break, so it only lengthens the last line. When the first and
 *   last lines start with what can begin no block however the line goes on (`PLAIN_LINE`),
 *   no line of `t + s` can become a list item, heading, quote, fence, HTML block, rule,
 *   table delimiter or setext underline, nor can the paragraph become a link definition
 *   (that starts with `[`): `t + s` is still one paragraph.
 * - Inline syntax. `s` holds none of marked's delimiters or brackets (`SPECIAL`), so it
 *   closes nothing opened in `t` and opens nothing. Where `t` meets `s`: if `s` starts
 *   with a space or tab, every rule that looks past the end of `t` (emphasis flanking,
 *   `(?=\s|$)`) sees whitespace as it saw the end; otherwise `t`'s last word has no
 *   delimiter, backslash or `&` either, so no flanking, escape or character reference
 *   changes. Autolinks run through plain text: neither `s` nor the word it lengthens may
 *   hold `www.`, `://` (either case) or `@`.
 * - Layout. marked merges `s` into `t`'s last text token (or makes it a text token of its
 *   own), which the renderer hands the wrapper unchanged: no `&`, no line break. The
 *   wrapper is given whole words only, and never half a run of spaces (`settled`); the
 *   last word is only peeked at.
 *
 * The stream's property test holds every update's rows to those of a lex.
 */
import type { Token, Tokens } from "marked";
import type { BlockRenderer } from "./markdown.ts";
import type { Row, Style } from "./style.ts";
import { isPlainAscii, type Wrapper } from "./text.ts";

/** Anything marked's inline rules (or a block rule, for `\n`) may act on, and `&` (references). */
const SPECIAL = /[\n*_~`[\]()<>\\&|@]/g;
const URLISH = /www\.|:\/\//gi;
/**
 * A line that only a paragraph can hold, however it goes on: what it starts with can
 * begin no block (a short run of marker characters is fine before a letter or digit: `-x`
 * is no item, `**x` no rule, `#3` no heading), and digits are followed by what makes them
 * no list number.
 */
const PLAIN_LINE = /^[ \t]*(?:(?:[-+=*_]{1,3}|#{1,6}|`{1,2}|~{1,2})[\p{L}\p{N}]|\d{1,9}(?:[.)](?=\S)|(?=[^\d.)]))|\d{10}|[^\s#\-+=*_<>`~|[\]:\d])/u;

export class OpenParagraph {
  /** How many of the wrapper's complete rows are in the stream's rows. */
  private placed = 0;
  /** How much of the tail the rows show. */
  private end: number;
  /** Where the tail's last word starts, and whether it is free of `SPECIAL`. */
  private wordStart: number;
  private wordPlain: boolean;

  private constructor(
    /** The wrapper, given all the paragraph's text except `pending`. */
    private readonly wrapper: Wrapper,
    private readonly style: Style,
    /** Index in the stream's rows of the wrapper's first row. */
    private readonly at: number,
    private pending: string,
    tail: string,
  ) {
    this.end = tail.length;
    this.wordStart = Math.max(0, afterLastSpace(tail, 0));
    SPECIAL.lastIndex = this.wordStart;
    this.wordPlain = !SPECIAL.test(tail);
  }

  /** Whether the paragraph can be lengthened without lexing (its first and last line). */
  static fits(tok: Token): boolean {
    if (tok.type !== "paragraph" || tok.raw.endsWith("\n")) return false;
    const last = tok.raw.lastIndexOf("\n");
    return PLAIN_LINE.test(tok.raw) && (last < 0 || PLAIN_LINE.test(tok.raw.slice(last + 1)));
  }

  /**
   * Lays out `tok` (which `fits`, and ends the tail) as `renderer.block` would and appends
   * its rows to `rows`; returns the state that `extend` goes on from.
   */
  static layout(tok: Tokens.Paragraph, renderer: BlockRenderer, width: number, base: Style, rows: Row[], tail: string): OpenParagraph {
    renderer.prepare(tok.raw);
    const w = renderer.wrapper(width);
    const inline = tok.tokens;
    const last = inline.at(-1);
    let held = "";
    if (last?.type === "text") {
      renderer.inline(inline.slice(0, -1), base, w);
      // What the renderer hands the wrapper for the last text token, which `s` joins.
      // (A text token never breaks the line.)
      renderer.inline([last], base, { text: (s) => (held += s), hardBreak() {} });
    } else renderer.inline(inline, base, w);
    const cut = settled(held);
    if (cut > 0) w.text(held.slice(0, cut), base);
    for (const r of w.completeRows) rows.push(r);
    const open = new OpenParagraph(w.fork(), base, rows.length, held.slice(cut), tail);
    for (const r of open.wrapper.peek(open.pending, base)) rows.push(r);
    return open;
  }

  /** Whether the text after what the rows show can be added by `extend`. */
  accepts(tail: string): boolean {
    SPECIAL.lastIndex = this.end;
    if (SPECIAL.test(tail)) return false;
    const c = tail.charCodeAt(this.end);
    const joins = c !== 32 && c !== 9;
    if (joins && !this.wordPlain) return false;
    URLISH.lastIndex = joins ? this.wordStart : this.end;
    return !URLISH.test(tail);
  }

  /** The first row `extend` may change. */
  get firstChange(): number {
    return this.at + this.placed;
  }

  /** Brings `rows` up to `tail` (which `accepts`). */
  extend(tail: string, rows: Row[]): void {
    const w = this.wrapper;
    const added = tail.slice(this.end);
    if (w.asciiOnly && !isPlainAscii(added)) w.asciiOnly = false;
    const text = this.pending + added;
    const cut = settled(text);
    if (cut > 0) w.text(text.slice(0, cut), this.style);
    this.pending = text.slice(cut);
    // `added` holds nothing special: a word starting in it is plain.
    const word = afterLastSpace(tail, this.end);
    if (word >= 0) {
      this.wordStart = word;
      this.wordPlain = true;
    }
    this.end = tail.length;
    rows.length = this.at + this.placed;
    const complete = w.completeRows;
    for (let i = this.placed; i < complete.length; i++) rows.push(complete[i]!);
    this.placed = complete.length;
    for (const r of w.peek(this.pending, this.style)) rows.push(r);
  }
}

/** Where the last word of `s` starts if a space, tab or line break at or after `from` ends the one before; else -1. */
function afterLastSpace(s: string, from: number): number {
  for (let i = s.length; i > from; i--) {
    const c = s.charCodeAt(i - 1);
    if (c === 32 || c === 9 || c === 10) return i;
  }
  return -1;
}

/**
 * How much of `s` the wrapper can be given for good: up to the spaces before its last
 * word. Then a word is measured whole, as in one call (widths of pieces of a cluster do
 * not always add up), and no run of spaces is split between two calls.
 */
function settled(s: string): number {
  let i = s.length;
  while (i > 0 && !isBlank(s.charCodeAt(i - 1))) i--;
  while (i > 0 && isBlank(s.charCodeAt(i - 1))) i--;
  return i;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}
