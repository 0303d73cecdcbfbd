/**
 * The Wrapper used across calls (a stream's provisional rows): text given in any pieces
 * wraps as if given at once, `peek` shows what `finish` would without changing anything,
 * and `fork` goes on exactly as the original would.
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { Attr, style } from "../../src/render/style.ts";
import { lastGraphemeStart, stringWidth, Wrapper } from "../../src/render/text.ts";
import { chunks } from "./arbitraries.ts";

const A = style({ fg: "red" });
const B = style({ attrs: Attr.BOLD });

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("word", "a", "stream", "x".repeat(37), "中文", "e\u0301", "👨‍👩‍👧‍👦", "❤\ufe0f", "1\ufe0f\u20e3", "🇯🇵") },
  { weight: 3, arbitrary: fc.constantFrom(" ", "  ", "\t", "\n") },
  { weight: 1, arbitrary: fc.integer({ min: 40, max: 300 }).map((n) => "y".repeat(n)) },
);
const text = fc.array(piece, { maxLength: 40 }).map((ps) => ps.join(""));

describe("Wrapper across calls", () => {
  test("text in pieces wraps as it does at once (cut between graphemes, not in a run of spaces)", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 60 }), fc.array(fc.nat(), { maxLength: 20 }), (s, width, cuts) => {
        const whole = new Wrapper(width);
        whole.lines(s, A);
        const parts = Wrapper.resume(width);
        // Cut as a stream does: before the last cluster of a prefix, and before its spaces.
        const safe = cuts.map((c) => {
          let i = lastGraphemeStart(s.slice(0, c % (s.length + 1)));
          while (i > 0 && (s[i - 1] === " " || s[i - 1] === "\t")) i--;
          return i;
        });
        for (const part of chunks(s, safe)) parts.lines(part, A);
        expect(parts.finish()).toEqual(whole.finish());
      }),
      { numRuns: 500 },
    );
  });

  test("peek shows what finish would; fork goes on as the original", () => {
    fc.assert(
      fc.property(text, text, fc.integer({ min: 1, max: 60 }), (s, more, width) => {
        const w = Wrapper.resume(width);
        w.lines(s, A);
        const done = w.completeRows.length;
        const peeked = w.peek(more, B);
        const fork = w.fork();
        const reference = new Wrapper(width);
        reference.lines(s, A);
        reference.lines(more, B);
        const expected = reference.finish();
        expect([...w.completeRows.slice(0, done), ...peeked]).toEqual(expected);
        // Peeking changed nothing: the wrapper and its fork still go on the same way.
        w.lines(more, B);
        fork.lines(more, B);
        expect(w.finish()).toEqual(expected);
        expect([...expected.slice(0, done), ...fork.finish()]).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  test("a resumed row keeps its content and the space before the next word", () => {
    const first = new Wrapper(20);
    first.text("the quick", A);
    const [row] = first.finish();
    const w = Wrapper.resume(20, row);
    w.text(" brown fox jumps", A);
    const rows = w.finish();
    expect(rows.map((r) => r.spans.map((s) => s.text).join(""))).toEqual(["the quick brown fox", "jumps"]);
    for (const r of rows) expect(r.width).toBe(stringWidth(r.spans.map((s) => s.text).join("")));
  });

  test("a word wider than the row is placed as it arrives: peeking at it costs a row", () => {
    const w = Wrapper.resume(10);
    w.text("start ", A);
    for (let i = 0; i < 1000; i++) w.text("abcdefghij", A);
    expect(w.completeRows.length).toBe(1000);
    expect(w.peek("", A).length).toBe(1);
  });
});

describe("lastGraphemeStart", () => {
  test.each([
    ["", 0],
    ["abc", 2],
    ["a👨‍👩‍👧‍👦", 1],
    ["x🇯🇵", 1],
    ["ae\u0301", 1],
    ["1\ufe0f\u20e3", 0],
  ])("%p starts its last cluster at %p", (s, at) => {
    expect(lastGraphemeStart(s)).toBe(at);
  });
});
