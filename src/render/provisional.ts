/**
 * Rows for the end of a stream's open tail that has not been lexed yet. A stream re-lexes
 * a long tail only once it has doubled; in between, the newer text is shown as plain text,
 * wrapped on from the last lexed row by a wrapper that keeps its state, so an update costs
 * the new text only. Whatever this shows is replaced at the stream's next lex.
 *
 * When the lexed tail ended in one top-level paragraph and no line break has come since,
 * the new text can only lengthen that paragraph's last line. Then, each time the text has
 * grown by a quarter, the part not yet styled is inline-lexed on its own and laid out from
 * a saved wrapper state: a one-line paragraph of any length is lexed about once while it
 * streams, and shows styled. Syntax that spans two such parts stays literal until the
 * stream lexes the paragraph whole (at its end, or at `finish()`).
 */
import type { Row, Style } from "./style.ts";
import { lastGraphemeStart, Wrapper } from "./text.ts";

/** Inline-lexes `text` and lays it out into `sink` (the stream's lexer and renderer). */
export type InlineStyler = (text: string, sink: Wrapper) => void;

const STYLE_GROWTH = 1.25;
const BLANK_LINE = /\n[ \t]*\n/g;

export class ProvisionalText {
  private wrapper: Wrapper;
  /** Index in the stream's rows of the wrapper's first row. */
  private at: number;
  /** How many of the wrapper's complete rows are in the stream's rows. */
  private placed = 0;
  /** How much of the tail the wrapper has been given; the rest is only peeked at. */
  private fed: number;
  /** How much of the tail has been looked at for line breaks. */
  private scanned: number;
  /** The wrapper state where the styled text ends, its row, and that end in the tail. */
  private mark: Wrapper | null;
  private markAt: number;
  private styled: number;
  /** The wrapper's first row goes on from the last lexed row. */
  private readonly continued: boolean;
  /** A line break has come since `start`; a blank line has. */
  private broken = false;
  blankLine = false;

  /**
   * Text from `start` in the tail on, shown from row `at`: on from `last` (the last lexed
   * row, narrower than `width`, its text going on) if given. `paragraph`: the lexed tail
   * ends in a top-level paragraph that this text lengthens.
   */
  constructor(
    width: number,
    private readonly style: Style,
    at: number,
    private readonly start: number,
    last: Row | undefined,
    paragraph: boolean,
  ) {
    this.wrapper = Wrapper.resume(width, last);
    this.at = at;
    this.fed = start;
    this.scanned = start;
    this.continued = last !== undefined;
    this.mark = paragraph ? this.wrapper.fork() : null;
    this.markAt = at;
    this.styled = start;
  }

  /** Notes line breaks in the text added since the last call. */
  scan(tail: string): void {
    if (this.scanned === tail.length) return;
    if (!this.broken && tail.indexOf("\n", this.scanned) >= 0) this.broken = true;
    if (this.broken && !this.blankLine) {
      // A blank line may have begun before the new text: back up over its start (a little).
      let from = this.scanned;
      const stop = Math.max(this.start, from - 64);
      while (from > stop && (tail.charCodeAt(from - 1) === 32 || tail.charCodeAt(from - 1) === 9)) from--;
      if (from > this.start && tail.charCodeAt(from - 1) === 10) from--;
      BLANK_LINE.lastIndex = from;
      this.blankLine = BLANK_LINE.test(tail);
    }
    this.scanned = tail.length;
  }

  /** The text is still one line of the paragraph: the stream need not lex it whole. */
  get oneLine(): boolean {
    return this.mark !== null && !this.broken;
  }

  /** Whether the next `extend` restyles (the line has grown by a quarter since). */
  restyleDue(tail: string): boolean {
    return this.oneLine && tail.length >= this.styled * STYLE_GROWTH;
  }

  /** The first row that `extend(tail, restyle)` may change. */
  firstChange(restyle: boolean): number {
    return restyle ? this.markAt : this.at + this.placed;
  }

  /** Brings `rows` up to the tail: the new text is wrapped; with `styler`, restyled first. */
  extend(tail: string, rows: Row[], styler?: InlineStyler): void {
    if (styler && this.mark) this.restyle(tail, styler);
    const w = this.wrapper;
    const upTo = Math.max(this.fed, settled(tail, this.fed));
    if (upTo > this.fed) w.lines(tail.slice(this.fed, upTo), this.style);
    this.fed = upTo;
    const complete = w.completeRows;
    rows.length = this.at + this.placed;
    for (let i = this.placed; i < complete.length; i++) rows.push(complete[i]!);
    this.placed = complete.length;
    // A fresh wrapper given nothing yet would show an empty row.
    if (this.continued || tail.length > this.start) for (const r of w.peek(tail.slice(upTo), this.style)) rows.push(r);
  }

  /** Lays out the text after the styled part, up to its last word, styled. */
  private restyle(tail: string, styler: InlineStyler): void {
    let end = lastSpace(tail, this.styled);
    if (end <= this.styled) end = lastGraphemeStart(tail);
    if (end <= this.styled) return;
    const w = this.mark!.fork();
    styler(tail.slice(this.styled, end), w);
    this.wrapper = w;
    this.at = this.markAt;
    this.placed = 0;
    this.fed = end;
    this.styled = end;
    this.markAt = this.at + w.completeRows.length;
    this.mark = w.fork();
  }
}

/**
 * How much of the text can be wrapped for good: not its last grapheme (a mark may still
 * join it), nor spaces at its end (the wrapper would not join them to the spaces to come;
 * past a few dozen, a space more or less in provisional rows is not worth rescanning for).
 */
function settled(s: string, fed: number): number {
  let i = lastGraphemeStart(s);
  const stop = Math.max(fed, i - 64);
  while (i > stop && (s.charCodeAt(i - 1) === 32 || s.charCodeAt(i - 1) === 9)) i--;
  return i;
}

/** Where the last run of spaces after `from` starts (`from` if none). */
function lastSpace(s: string, from: number): number {
  let i = s.lastIndexOf(" ");
  if (i < from) return from;
  while (i > from && s.charCodeAt(i - 1) === 32) i--;
  return i;
}
