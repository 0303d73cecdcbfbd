/**
 * `bun run bench render [--quick] [--json]`: markdown rendering, all in one process.
 *
 * 1. Full render of the same 1 MB corpus (tests/fixtures/render/corpus.ts: the reference
 *    answer plus generated prose, international and reference answers): marked's lexer
 *    as shipped, alone (the floor for any marked-based renderer), petrel's renderMarkdown
 *    (sanitize, lex, lay out, highlight) and marked-terminal (a separate Marked instance).
 *    Rounds are interleaved so machine noise hits all three alike; each figure is a ratio
 *    to the lexer in the same round, and the median round is reported (and, as a check,
 *    the ratio of the median times).
 *    The code-heavy reference answer alone, repeated to 1 MB, is reported as well.
 * 2. One long paragraph on one line, lexed: marked's lexer as shipped against petrel's
 *    (marked with a guard before its `lheading` rule, which past ~5.5 KB of paragraph
 *    costs ~4 ms per KB; the tokens are checked equal), and petrel's full render.
 * 3. Streaming: the 200 KB reference answer in 20-byte chunks at the stream rate (4 KB/s
 *    by default) with an update every 33 ms of simulated time: work amplification (bytes
 *    through marked's lexer / bytes streamed), blocks rendered, and time per MB. The same
 *    for a 276 KB paragraph on one line and a 200 KB one in 80-column lines.
 * 4. The hostile-input corpus: full render time and streaming amplification of each.
 */
import { Marked, marked, type MarkedExtension } from "marked";
import { lexMarkdown, renderCounters, resetRenderCounters } from "../../src/render/lex.ts";
import { BlockRenderer, renderMarkdown, renderTokens } from "../../src/render/markdown.ts";
import { sanitize } from "../../src/render/sanitize.ts";
import { MarkdownStream } from "../../src/render/stream.ts";
import { darkTheme } from "../../src/render/theme.ts";
import { codeShare, longParagraph, renderCorpus } from "../../tests/fixtures/render/corpus.ts";
import { hostileCorpus } from "../../tests/fixtures/render/hostile.ts";
import { feedAtRate } from "../../tests/fixtures/render/stream-rate.ts";
import type { BenchOptions } from "../bench.ts";
import { judge, kb, machine, machineLine, num, ratio, sig, table, targetLine, type TargetResult } from "./format.ts";

const WIDTH = 100;
const FIXTURE = new URL("../../tests/fixtures/render/long-answer.md", import.meta.url);

interface FullRender {
  corpus: string;
  bytes: number;
  codeShare: number;
  rounds: number;
  /** Milliseconds, median round. `lexerMs`: marked's lexer as shipped. */
  lexerMs: number;
  /** petrel's lexer alone (marked's, guarded before lheading; no sanitizing). */
  petrelLexerMs: number;
  petrelMs: number;
  petrelLexMs: number;
  petrelLayoutMs: number;
  markedTerminalMs: number;
  /** Median of the per-round ratios to the lexer. */
  petrelRatio: number;
  markedTerminalRatio: number;
  /** Median petrel time over median lexer time: the same figure, computed the other way. */
  ratioOfMedians: number;
  /** Median of the per-round ratios of petrel's render to petrel's own lexer. */
  petrelOwnRatio: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function timed(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

// marked-terminal ships no types; a non-literal specifier keeps tsc from looking for them.
const MARKED_TERMINAL: string = "marked-terminal";
const { markedTerminal } = (await import(MARKED_TERMINAL)) as { markedTerminal(options: object): MarkedExtension };

function fullRender(name: string, md: string, rounds: number): FullRender {
  const terminal = new Marked();
  terminal.use(markedTerminal({ width: WIDTH, reflowText: true }));
  const lexer: number[] = [];
  const petrelLexer: number[] = [];
  const petrel: number[] = [];
  const petrelLex: number[] = [];
  const petrelLayout: number[] = [];
  const mt: number[] = [];
  const ratios: number[] = [];
  const ownRatios: number[] = [];
  const mtRatios: number[] = [];
  // Two warm-up rounds let the JIT settle; they are not counted. A full GC before each
  // measurement keeps one contender's garbage from being collected on another's time.
  const measure = (f: () => void) => {
    Bun.gc(true);
    return timed(f);
  };
  for (let r = -2; r < rounds; r++) {
    const l = measure(() => marked.lexer(md));
    const ol = measure(() => lexMarkdown(md));
    const p = measure(() => renderMarkdown(md, WIDTH, darkTheme));
    const m = measure(() => terminal.parse(md));
    let tokens: ReturnType<typeof lexMarkdown> | undefined;
    const pl = measure(() => (tokens = lexMarkdown(sanitize(md))));
    const py = measure(() => renderTokens(tokens!, WIDTH, new BlockRenderer(darkTheme)));
    if (r < 0) continue;
    lexer.push(l);
    petrelLexer.push(ol);
    petrel.push(p);
    mt.push(m);
    petrelLex.push(pl);
    petrelLayout.push(py);
    ratios.push(p / l);
    ownRatios.push(p / ol);
    mtRatios.push(m / l);
  }
  return {
    corpus: name,
    bytes: md.length,
    codeShare: codeShare(md),
    rounds,
    lexerMs: median(lexer),
    petrelLexerMs: median(petrelLexer),
    petrelMs: median(petrel),
    petrelLexMs: median(petrelLex),
    petrelLayoutMs: median(petrelLayout),
    markedTerminalMs: median(mt),
    petrelRatio: median(ratios),
    markedTerminalRatio: median(mtRatios),
    ratioOfMedians: median(petrel) / median(lexer),
    petrelOwnRatio: median(ownRatios),
  };
}

interface ParagraphLexing {
  bytes: number;
  rounds: number;
  /** Milliseconds, median round. */
  markedLexerMs: number;
  petrelLexerMs: number;
  petrelRenderMs: number;
  /** Median of the per-round ratios marked / petrel. */
  speedup: number;
  sameTokens: boolean;
}

/** A one-line paragraph of each size, lexed by marked's lexer as shipped and by petrel's. */
function paragraphLexing(sizes: number[], rounds: number): ParagraphLexing[] {
  return sizes.map((bytes) => {
    const md = longParagraph(bytes);
    const markedMs: number[] = [];
    const petrelMs: number[] = [];
    const renderMs: number[] = [];
    const ratios: number[] = [];
    for (let r = -1; r < rounds; r++) {
      Bun.gc(true);
      const m = timed(() => marked.lexer(md));
      Bun.gc(true);
      const p = timed(() => lexMarkdown(md));
      Bun.gc(true);
      const f = timed(() => renderMarkdown(md, WIDTH, darkTheme));
      if (r < 0) continue;
      markedMs.push(m);
      petrelMs.push(p);
      renderMs.push(f);
      ratios.push(m / p);
    }
    const sameTokens = Bun.deepEquals(marked.lexer(md), lexMarkdown(md));
    return { bytes: md.length, rounds, markedLexerMs: median(markedMs), petrelLexerMs: median(petrelMs), petrelRenderMs: median(renderMs), speedup: median(ratios), sameTokens };
  });
}

interface Streaming {
  name: string;
  bytes: number;
  chunk: number;
  rate: number;
  frameMs: number;
  updates: number;
  bytesLexed: number;
  amplification: number;
  blocksRendered: number;
  msPerMB: number;
  equalsFull: boolean;
}

/** Streams `md` as the provider would: `chunk` bytes at `rate` B/s, one update per frame. */
function streaming(name: string, md: string, rate: number, chunk = 20, frameMs = 33): Streaming {
  resetRenderCounters();
  const s = new MarkdownStream(WIDTH, darkTheme);
  const t = performance.now();
  const updates = feedAtRate(s, md, { rate, chunk, frameMs });
  const ms = performance.now() - t;
  const { bytesLexed, blocksRendered } = renderCounters;
  const equalsFull = Bun.deepEquals(s.rows, renderMarkdown(md, WIDTH, darkTheme));
  return {
    name,
    bytes: md.length,
    chunk,
    rate,
    frameMs,
    updates,
    bytesLexed,
    amplification: bytesLexed / md.length,
    blocksRendered,
    msPerMB: (ms / md.length) * 1_000_000,
    equalsFull,
  };
}

interface Hostile {
  name: string;
  bytes: number;
  rows: number;
  fullMs: number;
  streamMs: number;
  amplification: number;
}

function hostile(scale: number): Hostile[] {
  return hostileCorpus(scale).map((c) => {
    let rows = 0;
    const fullMs = timed(() => (rows = renderMarkdown(c.text, 80, darkTheme).length));
    const s = new MarkdownStream(80, darkTheme);
    const streamMs = timed(() => {
      for (let i = 0; i < c.text.length; i += 4096) {
        s.append(c.text.slice(i, i + 4096));
        s.update();
      }
      s.finish();
    });
    return { name: c.name, bytes: c.text.length, rows, fullMs, streamMs, amplification: s.lexedBytes / c.text.length };
  });
}

export async function run(opts: BenchOptions) {
  const answer = await Bun.file(FIXTURE).text();
  const size = opts.quick ? 200_000 : 1_000_000;
  const rounds = opts.quick ? 3 : 15;
  const mixed = fullRender("mixed", renderCorpus(answer, size), rounds);
  const technical = fullRender("reference answer", answer.repeat(Math.ceil(size / answer.length)).slice(0, size), rounds);
  const paragraphs = paragraphLexing(opts.quick ? [4_000, 8_000, 32_000] : [4_000, 8_000, 64_000, 256_000], opts.quick ? 2 : 5);
  const stream = streaming("200 KB reference answer", answer, opts.rate);
  const oneLine = streaming("276 KB paragraph, one line", longParagraph(276_000), opts.rate);
  const lines = streaming("200 KB paragraph, 80-column lines", longParagraph(200_000, 80), opts.rate);
  const streams = [stream, oneLine, lines];
  const hostiles = hostile(opts.quick ? 0.05 : 1);
  const biggest = paragraphs.at(-1)!;
  const targets: TargetResult[] = [
    judge({ name: "full render vs marked's lexer (mixed 1 MB corpus, median round)", value: mixed.petrelRatio, op: "<=", limit: 1.3, show: ratio }),
    judge({ name: "streaming work amplification (200 KB answer, 20-byte chunks, update every 33 ms)", value: stream.amplification, op: "<=", limit: 2.0, show: ratio }),
    judge({ name: "streaming work amplification (276 KB one-line paragraph, same stream)", value: oneLine.amplification, op: "<=", limit: 2.0, show: ratio }),
    judge({ name: "streaming work amplification (200 KB paragraph in 80-column lines)", value: lines.amplification, op: "<=", limit: 3.0, show: ratio }),
    judge({ name: "streamed rows equal the full render (all three)", value: streams.every((x) => x.equalsFull) ? 1 : 0, op: "==", limit: 1, show: (n) => (n ? "yes" : "no") }),
    judge({ name: `petrel's lexer: same tokens as marked's on every long paragraph`, value: paragraphs.every((x) => x.sameTokens) ? 1 : 0, op: "==", limit: 1, show: (n) => (n ? "yes" : "no") }),
    judge({ name: `long paragraph (${kb(biggest.bytes)}), marked's lexer / petrel's`, value: biggest.speedup, op: ">=", limit: 10, show: ratio }),
  ];
  const result = { machine: machine(), full: [mixed, technical], paragraphs, streaming: streams, hostile: hostiles, targets };
  if (opts.json) return result;

  console.log(`render — ${machineLine(result.machine)}${opts.quick ? " (quick: 200 KB, 3 rounds)" : ""}`);
  console.log("");
  console.log(`full render, width ${WIDTH}, median of ${rounds} interleaved rounds (ratios: to marked's lexer in the same round)`);
  const rows = [["corpus", "size", "code", "marked lexer", "petrel lexer", "petrel", "  sanitize+lex", "  layout", "marked-terminal", "petrel/lexer", "of medians", "m-t/lexer", "petrel/petrel lexer"]];
  for (const f of result.full)
    rows.push([
      f.corpus,
      kb(f.bytes),
      `${num(f.codeShare * 100)}%`,
      `${sig(f.lexerMs)} ms`,
      `${sig(f.petrelLexerMs)} ms`,
      `${sig(f.petrelMs)} ms`,
      `${sig(f.petrelLexMs)} ms`,
      `${sig(f.petrelLayoutMs)} ms`,
      `${sig(f.markedTerminalMs)} ms`,
      ratio(f.petrelRatio),
      ratio(f.ratioOfMedians),
      ratio(f.markedTerminalRatio),
      ratio(f.petrelOwnRatio),
    ]);
  console.log(table(rows));
  console.log(
    "marked lexer: marked's Lexer as shipped (the floor the ratios use); petrel lexer: marked's Lexer with petrel's guard before its\n" +
      "lheading rule (same tokens, less work on every paragraph); petrel = sanitize+lex + layout",
  );
  console.log("");
  console.log(`one paragraph on one line, lexed (median of ${paragraphs[0]!.rounds}): marked's lexer as shipped vs petrel's lexer; and petrel's full render`);
  const p = [["size", "marked lexer", "petrel lexer", "marked/petrel", "same tokens", "petrel render"]];
  for (const x of paragraphs)
    p.push([kb(x.bytes), `${sig(x.markedLexerMs)} ms`, `${sig(x.petrelLexerMs)} ms`, ratio(x.speedup), x.sameTokens ? "yes" : "NO", `${sig(x.petrelRenderMs)} ms`]);
  console.log(table(p));
  console.log("");
  console.log(`streaming in ${stream.chunk}-byte chunks at ${kb(stream.rate)}/s, an update every ${stream.frameMs} ms of simulated time`);
  const st = [["input", "size", "updates", "lexed", "amplification", "blocks rendered", "ms per MB", "= full render"]];
  for (const x of streams)
    st.push([x.name, kb(x.bytes), num(x.updates), kb(x.bytesLexed), ratio(x.amplification), num(x.blocksRendered), sig(x.msPerMB), x.equalsFull ? "yes" : "NO"]);
  console.log(table(st));
  console.log("");
  console.log("hostile input (width 80; streamed in 4 KB chunks, an update after each)");
  const h = [["input", "size", "rows", "full render", "streamed", "amplification"]];
  for (const x of hostiles) h.push([x.name, kb(x.bytes), num(x.rows), `${sig(x.fullMs)} ms`, `${sig(x.streamMs)} ms`, ratio(x.amplification)]);
  console.log(table(h));
  console.log("");
  for (const t of targets) console.log(targetLine(t));
  return result;
}
