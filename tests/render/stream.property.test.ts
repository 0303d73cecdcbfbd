import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { rowsToAnsi, rowToPlain } from "../../src/render/ansi.ts";
import { renderMarkdown } from "../../src/render/markdown.ts";
import { MarkdownStream } from "../../src/render/stream.ts";
import type { Row } from "../../src/render/style.ts";
import { stringWidth } from "../../src/render/text.ts";
import { darkTheme, lightTheme } from "../../src/render/theme.ts";
import { chunks, longDoc, markdownDoc, proseDoc } from "./arbitraries.ts";

function streamRows(text: string, width: number, cuts: number[], cadence: number[], fit = false): Row[] {
  const s = new MarkdownStream(width, darkTheme);
  let frozen: Row[] = [];
  let k = 0;
  for (const c of chunks(text, cuts)) {
    s.append(c);
    if ((cadence[k++ % cadence.length] ?? 1) % 3 !== 0) continue;
    const before = s.rows.slice();
    const first = s.update();
    // Rows before the returned index are unchanged, and frozen rows stay frozen.
    for (let i = 0; i < Math.min(first, before.length); i++) expect(s.rows[i]).toBe(before[i]!);
    for (let i = 0; i < frozen.length; i++) expect(s.rows[i]).toBe(frozen[i]!);
    frozen = s.rows.slice(0, s.frozenRows);
    // Provisional rows too are never wider than the width, and measure what they hold.
    if (fit) for (let i = first; i < s.rows.length; i++) expect(s.rows[i]!.width).toBeLessThanOrEqual(width);
    if (fit) for (let i = first; i < s.rows.length; i++) expect(s.rows[i]!.width).toBe(stringWidth(rowToPlain(s.rows[i]!)));
  }
  s.finish();
  return s.rows.slice();
}

const plain = (rows: readonly Row[]) => rows.map(rowToPlain);

describe("incremental equals full", () => {
  test("any markdown, any chunk split, any update cadence", () => {
    fc.assert(
      fc.property(
        markdownDoc,
        fc.integer({ min: 10, max: 120 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 8 }),
        (text, width, cuts, cadence) => {
          const full = renderMarkdown(text, width, darkTheme);
          const inc = streamRows(text, width, cuts, cadence);
          expect(plain(inc)).toEqual(plain(full));
          expect(inc).toEqual(full);
        },
      ),
      { numRuns: 300 },
    );
  }, 30_000);

  test("one character at a time, updating after each", () => {
    fc.assert(
      fc.property(markdownDoc, fc.integer({ min: 10, max: 80 }), (text, width) => {
        const cuts = Array.from({ length: text.length }, (_, i) => i);
        expect(streamRows(text, width, cuts, [3])).toEqual(renderMarkdown(text, width, darkTheme));
      }),
      { numRuns: 40 },
    );
  }, 30_000);

  test("long blocks (past the provisional threshold): any split, any cadence, rows fit meanwhile", () => {
    fc.assert(
      fc.property(
        longDoc,
        fc.integer({ min: 10, max: 120 }),
        fc.array(fc.nat(), { minLength: 10, maxLength: 120 }),
        fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 8 }),
        (text, width, cuts, cadence) => {
          expect(streamRows(text, width, cuts, cadence, true)).toEqual(renderMarkdown(text, width, darkTheme));
        },
      ),
      { numRuns: 100 },
    );
  }, 30_000);

  test("setWidth mid-stream re-renders to the full render at the new width", () => {
    fc.assert(
      fc.property(markdownDoc, fc.integer({ min: 10, max: 120 }), fc.integer({ min: 10, max: 120 }), fc.nat(), (text, w1, w2, cut) => {
        const s = new MarkdownStream(w1, lightTheme);
        const at = cut % (text.length + 1);
        s.append(text.slice(0, at));
        s.update();
        s.setWidth(w2);
        s.append(text.slice(at));
        s.update();
        s.finish();
        expect(s.rows).toEqual(renderMarkdown(text, w2, lightTheme));
        s.setWidth(w1);
        expect(s.rows).toEqual(renderMarkdown(text, w1, lightTheme));
      }),
      { numRuns: 100 },
    );
  }, 30_000);
});

/**
 * Streams `text` twice, updating after every chunk: as shipped, and with the open
 * paragraph re-lexed on every update (the stream's internal switch, for this test only).
 * After each update both hold the same rows and report the same first changed row.
 * Returns the bytes each lexed.
 */
function withAndWithoutLexing(text: string, width: number, cuts: number[]): { shipped: number; lexing: number } {
  const shipped = new MarkdownStream(width, darkTheme);
  const lexing = new MarkdownStream(width, darkTheme);
  (lexing as unknown as { extendParagraphs: boolean }).extendParagraphs = false;
  for (const c of chunks(text, cuts)) {
    shipped.append(c);
    lexing.append(c);
    const before = shipped.rows.slice();
    const first = shipped.update();
    expect(lexing.update()).toBe(first);
    expect(shipped.rows).toEqual(lexing.rows);
    for (let i = 0; i < Math.min(first, before.length); i++) expect(shipped.rows[i]).toBe(before[i]!);
  }
  shipped.finish();
  lexing.finish();
  expect(shipped.rows).toEqual(renderMarkdown(text, width, darkTheme));
  expect(lexing.rows).toEqual(shipped.rows);
  return { shipped: shipped.lexedBytes, lexing: lexing.lexedBytes };
}

describe("an open paragraph lengthened without lexing", () => {
  test.each([
    ["prose with markup at word edges, URLs and emails in pieces, joining characters", proseDoc, 600, 0.9],
    ["any markdown", markdownDoc, 300, 1],
  ])("%s: after every update, the rows a lex gives", (_, doc, numRuns, share) => {
    let shipped = 0;
    let lexing = 0;
    fc.assert(
      fc.property(doc, fc.integer({ min: 10, max: 80 }), fc.array(fc.nat(), { minLength: 5, maxLength: 120 }), (text, width, cuts) => {
        const lexed = withAndWithoutLexing(text, width, cuts);
        shipped += lexed.shipped;
        lexing += lexed.lexing;
      }),
      { numRuns },
    );
    // The comparison means something only if the shortcut was taken often.
    expect(shipped).toBeLessThanOrEqual(lexing * share);
  }, 60_000);
});

describe("rows fit", () => {
  test("no row is wider than the width (10..200), and widths add up", () => {
    fc.assert(
      fc.property(markdownDoc, fc.integer({ min: 10, max: 200 }), (text, width) => {
        for (const row of renderMarkdown(text, width, darkTheme)) {
          let sum = 0;
          for (const s of row.spans) {
            expect(s.width).toBe(stringWidth(s.text));
            sum += s.width;
          }
          expect(row.width).toBe(sum);
          expect(row.width).toBeLessThanOrEqual(width);
        }
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});

// What petrel itself emits: SGR and OSC 8 (opened and closed).
const OURS = /\x1b\[[0-9;]*m|\x1b\]8;;[^\x1b\x07]*\x1b\\/g;

describe("only petrel emits escapes", () => {
  test("styled output holds no escape, control or bidi character petrel did not produce", () => {
    fc.assert(
      fc.property(markdownDoc, fc.integer({ min: 10, max: 200 }), fc.boolean(), (text, width, hyperlinks) => {
        const rows = renderMarkdown(text, width, darkTheme);
        const styled = rowsToAnsi(rows, { color: true, hyperlinks, width }).replace(OURS, "");
        expect(styled).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
        const bare = rowsToAnsi(rows, { color: false, hyperlinks: false });
        expect(bare).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
        // No lone surrogates either.
        expect(bare).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});
