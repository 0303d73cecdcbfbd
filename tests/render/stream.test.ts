/** MarkdownStream behaviour: counters, freezing, no flicker, API contract. */
import { describe, expect, test } from "bun:test";
import { rowToPlain } from "../../src/render/ansi.ts";
import { renderCounters, resetRenderCounters } from "../../src/render/lex.ts";
import { renderMarkdown } from "../../src/render/markdown.ts";
import { MarkdownStream } from "../../src/render/stream.ts";
import type { Row } from "../../src/render/style.ts";
import { darkTheme } from "../../src/render/theme.ts";
import { feedAtRate } from "../fixtures/render/stream-rate.ts";

const FIXTURE = await Bun.file(new URL("../fixtures/render/long-answer.md", import.meta.url)).text();

/**
 * Streams `text` as a provider at 4 KB/s would: 20-byte chunks, an update every 33 ms of
 * simulated time (about every 133 bytes). `each` runs after every update.
 */
function streamAtRate(text: string, width: number, each?: (s: MarkdownStream, upTo: number) => void): { stream: MarkdownStream; updates: number } {
  const stream = new MarkdownStream(width, darkTheme);
  const updates = feedAtRate(stream, text, { rate: 4096, chunk: 20, frameMs: 33, each });
  return { stream, updates };
}

const WORDS = ["the", "stream", "renders", "**only what changed**", "`O(tail)`", "a", "[docs](https://example.com/docs)", "_not_", "how", "long", "answer", "is", "petrel", "{\"key\":[1,2,3]}", "of", "and"];

/** Deterministic prose with inline markup: one line, or lines of `lineWidth`. */
function prose(bytes: number, words = WORDS, lineWidth = Infinity): string {
  let s = "";
  let col = 0;
  for (let i = 0; s.length < bytes; i++) {
    const w = words[(i * 7 + (i >> 4)) % words.length]!;
    const sep = i === 0 ? "" : col + 1 + w.length > lineWidth ? "\n" : " ";
    col = sep === "\n" ? w.length : col + sep.length + w.length;
    s += sep + w;
  }
  return s;
}

describe("work amplification", () => {
  test("the 200 KB answer at 4 KB/s in 20-byte chunks, re-rendered every 33 ms, lexes at most 2x its size", () => {
    expect(FIXTURE.length).toBeGreaterThan(190_000);
    resetRenderCounters();
    const { stream: s, updates } = streamAtRate(FIXTURE, 100);
    const amplification = s.lexedBytes / FIXTURE.length;
    expect(updates).toBeGreaterThan(1400);
    expect(renderCounters.bytesLexed).toBe(s.lexedBytes);
    expect(amplification).toBeLessThanOrEqual(2.0);
    // Deterministic: the same run gives the same count.
    expect(s.lexedBytes).toMatchSnapshot();
    expect(s.rows).toEqual(renderMarkdown(FIXTURE, 100, darkTheme));
  });

  test("a 276 KB answer with no line break at all, streamed the same way, lexes under 2x its size", () => {
    const text = prose(276_000);
    resetRenderCounters();
    const { stream: s, updates } = streamAtRate(text, 100);
    expect(updates).toBeGreaterThan(1900);
    expect(renderCounters.bytesLexed).toBe(s.lexedBytes);
    // Bound: each byte once while streaming (in parts), once at the end, plus the first
    // 2 KB re-lexed on every update before the paragraph counts as long.
    expect(s.lexedBytes).toBeLessThanOrEqual(2 * text.length + 20_000);
    expect(s.lexedBytes / text.length).toBeLessThan(2);
    expect(s.lexedBytes).toMatchSnapshot();
    expect(s.rows).toEqual(renderMarkdown(text, 100, darkTheme));
  });

  test("a 200 KB paragraph of 80-column lines lexes at most 3x its size", () => {
    const text = prose(200_000, WORDS, 80);
    const { stream: s } = streamAtRate(text, 100);
    // Lines could start other blocks, so the paragraph is lexed whole each time it doubles.
    expect(s.lexedBytes).toBeLessThanOrEqual(3 * text.length);
    expect(s.lexedBytes).toMatchSnapshot();
    expect(s.rows).toEqual(renderMarkdown(text, 100, darkTheme));
  });

  test("paragraphs of prose under 2 KB are lexed about once while they stream, not once per update", () => {
    const paragraphs = Array.from({ length: 200 }, (_, i) => prose(300 + ((i * 373) % 1500), WORDS.filter((w) => !/[*`[_{]/.test(w))));
    const text = paragraphs.join("\n\n");
    const { stream: s, updates } = streamAtRate(text, 100);
    expect(updates).toBeGreaterThan(1000);
    // Each paragraph: its first update, the update that freezes it, and `finish()` for the last.
    expect(s.lexedBytes / text.length).toBeLessThan(1.1);
    expect(s.rows).toEqual(renderMarkdown(text, 100, darkTheme));
  });

  test("completed lines of a long open code block are never lexed again", () => {
    const s = new MarkdownStream(80, darkTheme);
    s.append("```ts\n");
    s.update();
    for (let i = 0; i < 2000; i++) {
      s.append(`const line${i} = ${i};\n`);
      s.update();
    }
    expect(s.lexedBytes).toBeLessThan(100);
    expect(s.frozenRows).toBe(2000);
    s.append("```\n");
    s.finish();
    expect(s.rows).toEqual(renderMarkdown(`\`\`\`ts\n${Array.from({ length: 2000 }, (_, i) => `const line${i} = ${i};`).join("\n")}\n\`\`\`\n`, 80, darkTheme));
  });

  test("finished items of a growing list freeze", () => {
    const s = new MarkdownStream(80, darkTheme);
    for (let i = 1; i <= 50; i++) {
      s.append(`${i}. item number ${i} with some words\n`);
      s.update();
    }
    expect(s.frozenRows).toBe(49);
    s.finish();
    expect(s.rows.map(rowToPlain)[49]).toBe("50. item number 50 with some words");
  });
});

describe("a long open paragraph shows all its text as it streams", () => {
  const plainWords = ["petrel", "streams", "a", "long", "answer", "without", "any", "break", "at", "all", "incremental"];
  const words = (rows: readonly Row[]) => rows.map(rowToPlain).join(" ").split(/\s+/).filter(Boolean).join(" ");

  test.each([
    ["on one line", prose(40_000, plainWords)],
    ["in 80-column lines", prose(40_000, plainWords, 80)],
  ])("%s: after every update the rows hold every word appended so far", (_, text) => {
    let checked = 0;
    const { stream } = streamAtRate(text, 60, (s, upTo) => {
      expect(words(s.rows)).toBe(words([{ spans: [{ text: text.slice(0, upTo), style: darkTheme.text, width: 0 }], width: 0 }]));
      checked++;
    });
    expect(checked).toBeGreaterThan(250);
    expect(stream.rows).toEqual(renderMarkdown(text, 60, darkTheme));
  });

  test("a line with no space at all (minified JSON) shows every character appended so far", () => {
    const text = '{"k":[1,2,"v"]},'.repeat(2_500);
    const { stream } = streamAtRate(text, 60, (s, upTo) => {
      expect(s.rows.map(rowToPlain).join("")).toBe(text.slice(0, upTo));
      for (const r of s.rows) expect(r.width).toBeLessThanOrEqual(60);
    });
    expect(stream.rows).toEqual(renderMarkdown(text, 60, darkTheme));
  });

  test("a blank line after a long paragraph freezes it at once", () => {
    const s = new MarkdownStream(60, darkTheme);
    const para = prose(10_000, plainWords);
    for (let i = 0; i < para.length; i += 500) {
      s.append(para.slice(i, i + 500));
      s.update();
    }
    expect(s.frozenRows).toBe(0);
    s.append("\n\nnext");
    s.update();
    expect(s.frozenRows).toBe(renderMarkdown(para, 60, darkTheme).length);
  });
});

describe("an open paragraph lengthened without a lex", () => {
  /** Bytes lexed by each update, streaming `parts` with an update after each. */
  function lexedPerUpdate(parts: string[], width = 40, eachEqualsFull = false): number[] {
    const s = new MarkdownStream(width, darkTheme);
    const lexed: number[] = [];
    let text = "";
    for (const p of parts) {
      s.append(p);
      text += p;
      const before = s.lexedBytes;
      s.update();
      lexed.push(s.lexedBytes - before);
      if (eachEqualsFull) expect(s.rows).toEqual(renderMarkdown(text, width, darkTheme));
    }
    s.finish();
    expect(s.rows).toEqual(renderMarkdown(text, width, darkTheme));
    return lexed;
  }

  test("plain words are laid out with no lex, a word cut between updates included", () => {
    expect(lexedPerUpdate(["The worker scans", " the whole ind", "ex before each look", "up, twice."], 40, true)).toEqual([16, 0, 0, 0]);
  });

  test.each([
    ["a web address typed in pieces", ["see www.exa", "mple.com", " now"]],
    ["a scheme completed", ["see http", "s://example.com"]],
    ["an email address: a word then @host", ["write to me", "@example.com today"]],
    ["a closing __ that a letter makes intraword", ["__strong__", "er words"]],
    ["a character reference completed", ["fish &amp", "; chips"]],
    ["a backslash before punctuation", ["a \\", ". b"]],
    ["a paragraph that becomes a link definition", ["[foo]", ": /url"]],
    ["a number that becomes a list item", ["2025", ". Next"]],
    ["a line that becomes an HTML block", ["text\n<div", " class=x>"]],
    ["a line that becomes a table delimiter row", ["a | b\n-|", "-"]],
  ])("%s is lexed again", (_, parts) => {
    expect(lexedPerUpdate(parts)[1]).toBeGreaterThan(0);
  });

  test.each([
    ["after an unclosed **, plain words stay literal", ["a **bold", " claim and more"]],
    ["after closed markup, a space then words", ["**Note:** the", " worker", " scans"]],
    ["a run of spaces split between updates", ["wide  ", "  gap", " here"]],
    ["a combining mark joins the letter before it", ["cafe", "\u0301 au lait"]],
    ["a web address already ended by a space", ["see www.example.com", " and more"]],
    ["a second line going on", ["first line\nsecond", " line goes on"]],
  ])("%s: no lex, the rows of a full render", (_, parts) => {
    expect(lexedPerUpdate(parts, 40, true).slice(1).every((n) => n === 0)).toBe(true);
  });

  test("a long word across the row end wraps as in a full render", () => {
    expect(lexedPerUpdate(["The id is ", "x".repeat(30), "y".repeat(30), " z"], 25, true).slice(1)).toEqual([0, 0, 0]);
  });
});

describe("update() contract", () => {
  test("returns the first row that changed; earlier rows are the same objects", () => {
    const s = new MarkdownStream(40, darkTheme);
    s.append("# Title\n\nfirst paragraph\n\nsecond");
    expect(s.update()).toBe(0);
    const before = s.rows.slice();
    s.append(" paragraph grows");
    const first = s.update();
    expect(first).toBe(4);
    for (let i = 0; i < first; i++) expect(s.rows[i]).toBe(before[i]!);
    expect(s.update()).toBe(s.rows.length);
  });

  test("frozen rows never change", () => {
    const s = new MarkdownStream(40, darkTheme);
    s.append("para one\n\npara two\n\n");
    s.update();
    const frozen = s.rows.slice(0, s.frozenRows);
    expect(frozen.length).toBeGreaterThan(0);
    s.append("- a list\n- b\n\n> quote");
    s.update();
    s.finish();
    for (let i = 0; i < frozen.length; i++) expect(s.rows[i]).toBe(frozen[i]!);
  });

  test("append after finish is an error; update after finish changes nothing", () => {
    const s = new MarkdownStream(40, darkTheme);
    s.append("x");
    s.finish();
    expect(s.update()).toBe(s.rows.length);
    expect(() => s.append("y")).toThrow();
  });
});

describe("reference definitions", () => {
  test("a definition after a frozen block fixes that block at finish(), which says where", () => {
    const text = "see [the docs][Docs]\n\nmore text\n\n[docs]: https://x.io\n";
    const s = new MarkdownStream(60, darkTheme);
    for (const part of text.split(/(?<=\n\n)/)) {
      s.append(part);
      s.update();
    }
    expect(rowToPlain(s.rows[0]!)).toBe("see [the docs][Docs]");
    expect(s.finish()).toBe(0);
    expect(s.rows).toEqual(renderMarkdown(text, 60, darkTheme));
    expect(rowToPlain(s.rows[0]!)).toBe("see the docs (https://x.io)");
  });

  test("a definition still being typed never resolves a frozen block", () => {
    const s = new MarkdownStream(60, darkTheme);
    s.append("[a][r]\n\n[r]: https://partial");
    s.update();
    s.append("-and-final\n");
    s.finish();
    expect(s.rows.map(rowToPlain)).toEqual(["a (https://partial-and-final)"]);
  });
});

describe("no flicker while streaming", () => {
  const frames = (parts: string[], width = 40) => {
    const s = new MarkdownStream(width, darkTheme);
    return parts.map((p) => {
      s.append(p);
      s.update();
      return s.rows.map(rowToPlain);
    });
  };

  test("an unclosed fence renders as code at once", () => {
    const s = new MarkdownStream(40, darkTheme);
    s.append("```py\nx = 1");
    s.update();
    expect(s.rows[0]!.fill).toBe(darkTheme.code.bg);
    expect(rowToPlain(s.rows[0]!)).toBe(" x = 1");
  });

  test("an unclosed ** stays literal until closed, then styles once", () => {
    const seen = frames(["Some ", "**bold", " text", " here", "** done"]);
    expect(seen[1]).toEqual(["Some **bold"]);
    expect(seen[3]).toEqual(["Some **bold text here"]);
    expect(seen[4]).toEqual(["Some bold text here done"]);
  });

  test("an unclosed backtick stays literal", () => {
    const seen = frames(["run `npm", " install", "` now"]);
    expect(seen[0]).toEqual(["run `npm"]);
    expect(seen[1]).toEqual(["run `npm install"]);
    expect(seen[2]).toEqual(["run npm install now"]);
  });

  test("a line that is only block markers so far is held back until its kind is known", () => {
    const seen = frames(["para\n\n", "#", " T", "itle"]);
    expect(seen[1]).toEqual(["para"]);
    expect(seen[2]).toEqual(["para", "", "# T"]);
    expect(seen[3]).toEqual(["para", "", "# Title"]);
  });
});

describe("sanitizing while streaming", () => {
  test("an escape sequence split across chunks never reaches the rows", () => {
    const s = new MarkdownStream(40, darkTheme);
    for (const part of ["red: \x1b", "[3", "1mRED\x1b]52;c;", "aGk=\x07 done"]) {
      s.append(part);
      s.update();
      for (const r of s.rows) expect(rowToPlain(r)).not.toMatch(/[\x1b\x07]/);
    }
    s.finish();
    expect(s.rows.map(rowToPlain)).toEqual(["red: RED done"]);
  });

  test("a surrogate pair split across chunks stays one emoji", () => {
    const s = new MarkdownStream(40, darkTheme);
    s.append("hi \ud83d");
    s.update();
    s.append("\ude00");
    s.finish();
    expect(s.rows.map(rowToPlain)).toEqual(["hi 😀"]);
  });
});
