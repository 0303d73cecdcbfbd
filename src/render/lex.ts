/**
 * The one door to marked's lexer, so every byte lexed is counted: the streaming benchmark
 * and the amplification test read `renderCounters`. Options are passed explicitly so a
 * `marked.use()` elsewhere (marked-terminal in the benchmark) cannot change our tokens.
 */
import { Lexer, type MarkedOptions, type TokensList } from "marked";

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
