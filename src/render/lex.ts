/**
 * The one door to marked's lexer, so every byte lexed is counted: the streaming benchmark
 * and the amplification test read `renderCounters`. Options are passed explicitly so a
 * `marked.use()` elsewhere (marked-terminal in the benchmark) cannot change our tokens.
 */
import { Lexer, type MarkedOptions, type Tokens, type TokensList } from "marked";

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

/** Lexes `src` with GFM; `links` seeds reference definitions seen earlier in the text. */
export function lexMarkdown(src: string, links?: Links): TokensList {
  renderCounters.bytesLexed += src.length;
  const options: MarkedOptions = { gfm: true, breaks: false, pedantic: false };
  const lexer = new Lexer(options);
  if (links) Object.assign(lexer.tokens.links, links);
  return lexer.lex(src);
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
  const lexer = new Lexer({ gfm: true, breaks: false, pedantic: false });
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
