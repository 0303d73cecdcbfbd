/**
 * The one door to marked's lexer, so every byte lexed is counted: the streaming benchmark
 * and the amplification test read `renderCounters`. Options are passed explicitly so a
 * `marked.use()` elsewhere (marked-terminal in the benchmark) cannot change our tokens.
 */
import { Lexer, Tokenizer, type MarkedOptions, type Token, type Tokens, type TokensList } from "marked";

/** Link reference definitions by normalized label, as marked keeps them. */
export type Links = TokensList["links"];

/** Work done by src/render since the last reset; deterministic, read by tests and bench. */
export const renderCounters = {
  /** UTF-16 code units passed through marked's lexer. */
  bytesLexed: 0,
  /** Top-level blocks turned into rows. */
  blocksRendered: 0,
};

export function resetRenderCounters(): void {
  renderCounters.bytesLexed = 0;
  renderCounters.blocksRendered = 0;
}

/**
 * A setext underline: up to 3 spaces, a run of `=` or of `-`, spaces or tabs, end of line.
 * Exactly what marked's `lheading` wants after the newline that ends the heading's text.
 */
const UNDERLINE = / {0,3}(?:=+|-+)[ \t]*(?:\n|$)/y;
/**
 * Lines that marked's `lheading` never lets the heading's text run into (a subset of its
 * lookahead: a blank line, a list bullet, a fence, a quote, an ATX heading, a `*` or `_`
 * rule, a table delimiter row, the HTML starts that end before a blank line). Stopping at
 * them keeps the check within the current paragraph, so text made of many short blocks
 * is not scanned again from each of them.
 */
const NO_TEXT_PAST =
  /(?:[ \t]*\n| {0,3}(?:(?:[*+-]|\d{1,9}[.)]) |```|~~~|>|#{1,6}(?:[ \t\n]|$)|(?:\*[ \t]*){3,}(?:\n|$)|(?:_[ \t]*){3,}(?:\n|$)|\|?(?:[:\- ]*\|)+[:\- ]*\n|<(?:!--|\?|![A-Za-z]|!\[CDATA\[|(?:script|pre|style|textarea)(?:[\s>]|$))))/y;

/**
 * Whether `src` can start a setext heading: some line after the first, before the
 * paragraph ends, is an underline. A necessary condition for marked's rule to match.
 */
function maySetext(src: string): boolean {
  for (let nl = src.indexOf("\n"); nl >= 0; nl = src.indexOf("\n", nl + 1)) {
    UNDERLINE.lastIndex = nl + 1;
    if (UNDERLINE.test(src)) return true;
    NO_TEXT_PAST.lastIndex = nl + 1;
    if (NO_TEXT_PAST.test(src)) return false;
  }
  return false;
}

/**
 * marked's tokenizer, except that `lheading` runs marked's regex only when `maySetext`
 * says it could match. That regex's lazy `(?:.|\n(?!…))+?` takes one group iteration per
 * character, and past ~5.5 KB of paragraph it runs ~40x slower (Bun 1.4.5; most likely
 * JSC's regex JIT giving up and its interpreter backtracking): lexing a paragraph went
 * from 0.1 to 4 ms per KB, nearly all of it in this rule, which then fails. When an
 * underline is there, marked's rule still decides (and is still slow past that size).
 */
class PetrelTokenizer extends Tokenizer {
  override lheading(src: string): Tokens.Heading | undefined {
    return maySetext(src) ? super.lheading(src) : undefined;
  }
}

/** A GFM lexer; options are fresh each time because marked's Lexer writes into them. */
function newLexer(): Lexer {
  const options: MarkedOptions = { gfm: true, breaks: false, pedantic: false, tokenizer: new PetrelTokenizer() };
  return new Lexer(options);
}

/** Lexes `src` with GFM; `links` seeds reference definitions seen earlier in the text. */
export function lexMarkdown(src: string, links?: Links): TokensList {
  renderCounters.bytesLexed += src.length;
  const lexer = newLexer();
  if (links) Object.assign(lexer.tokens.links, links);
  return lexer.lex(src);
}

/** Inline-lexes `src` (text known to lie inside one paragraph) against `links`. */
export function lexInline(src: string, links: Links): Token[] {
  renderCounters.bytesLexed += src.length;
  const lexer = newLexer();
  Object.assign(lexer.tokens.links, links);
  return lexer.inlineTokens(src);
}

/** Inline token arrays and definitions reachable from block tokens. */
function walk(tok: object, arrays: Set<unknown>, defs: Links): void {
  const t = tok as { type?: string; tokens?: unknown; items?: object[]; header?: { tokens: unknown }[]; rows?: { tokens: unknown }[][] };
  if (t.type === "def") {
    const def = tok as Tokens.Def;
    if (!(def.tag in defs)) defs[def.tag] = { href: def.href, title: def.title };
  }
  if (Array.isArray(t.tokens)) {
    arrays.add(t.tokens);
    for (const child of t.tokens) walk(child as object, arrays, defs);
  }
  if (t.items) for (const item of t.items) walk(item, arrays, defs);
  if (t.header) for (const cell of t.header) arrays.add(cell.tokens);
  if (t.rows) for (const row of t.rows) for (const cell of row) arrays.add(cell.tokens);
}

/**
 * Block-lexes `src` now and inline-lexes later, once the caller knows which blocks it will
 * freeze: those get only definitions that are final (`known` plus their own), never one
 * still being typed further down the tail; the open blocks get every definition seen.
 */
export function lexInStages(src: string, known: Links): { tokens: TokensList; inline(frozen: readonly object[]): Links } {
  renderCounters.bytesLexed += src.length;
  const lexer = newLexer();
  Object.assign(lexer.tokens.links, known);
  lexer.blockTokens(src, lexer.tokens);
  const everything = lexer.tokens.links;
  return {
    tokens: lexer.tokens,
    inline(frozen) {
      const arrays = new Set<unknown>();
      const defs = Object.assign(Object.create(null), known) as Links;
      for (const tok of frozen) walk(tok, arrays, defs);
      const queue = lexer.inlineQueue;
      lexer.tokens.links = defs;
      let i = 0;
      for (; i < queue.length && arrays.has(queue[i]!.tokens); i++) {
        lexer.state.inRawBlock = false;
        lexer.inlineTokens(queue[i]!.src, queue[i]!.tokens);
      }
      lexer.tokens.links = everything;
      for (; i < queue.length; i++) {
        lexer.state.inRawBlock = false;
        lexer.inlineTokens(queue[i]!.src, queue[i]!.tokens);
      }
      lexer.inlineQueue = [];
      return defs;
    },
  };
}
