import { describe, expect, test } from "bun:test";
import { measureEditText } from "@opentui/core";
import { stringWidth, truncateToWidth, wrapSpans } from "../../src/render/text.ts";
import { span } from "../../src/render/text.ts";
import { PLAIN, style } from "../../src/render/style.ts";
import { rowToPlain } from "../../src/render/ansi.ts";

// OpenTUI's native "unicode" width method is what the view draws with.
const native = (s: string) => measureEditText(s, { widthMethod: "unicode" });

describe("stringWidth matches OpenTUI's unicode width", () => {
  test.each([
    ["ascii", "hello"],
    ["CJK", "中文字符"],
    ["hangul", "한글"],
    ["ZWJ family", "👨‍👩‍👧‍👦"],
    ["flag", "🇯🇵"],
    ["VS16 heart", "❤️"],
    ["keycap", "1️⃣"],
    ["bare keycap mark", "1\u20e3"],
    ["VS16 after a letter", "a\ufe0f"],
    ["skin tone", "👍🏽"],
    ["combining acute", "e\u0301"],
    ["devanagari cluster", "क्ष"],
    ["thai", "กำ"],
    ["halfwidth katakana", "ｱｲｳ"],
    ["fullwidth space", "\u3000"],
    ["zero width space", "a\u200bb"],
    ["soft hyphen", "co\u00adop"],
    ["spacing mark", "\u0915\u0903"],
    ["control pictures", "␛[31m"],
    ["box drawing", "┌─┐│"],
  ])("%s", (_name, s) => {
    expect(stringWidth(s)).toBe(native(s));
  });

  test("every code point after a letter (the table of fixes is current)", () => {
    const wrong: string[] = [];
    for (let cp = 0xa0; cp <= 0x2ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const s = "a" + String.fromCodePoint(cp);
      if (stringWidth(s) !== native(s)) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});

describe("wrapSpans", () => {
  test("newlines are hard breaks; prefixes go before the first and later rows", () => {
    const rows = wrapSpans([{ text: "one two three\nfour", style: PLAIN }], 12, {
      firstPrefix: [span("> ")],
      restPrefix: [span("  ")],
    });
    expect(rows.map(rowToPlain)).toEqual(["> one two", "  three", "  four"]);
    for (const r of rows) expect(r.width).toBeLessThanOrEqual(12);
  });

  test("styles are kept and adjacent pieces of one style merge", () => {
    const bold = style({ attrs: 1 });
    const rows = wrapSpans([{ text: "ab", style: PLAIN }, { text: "cd", style: PLAIN }, { text: " ef", style: bold }], 20);
    expect(rows[0]!.spans.map((s) => s.text)).toEqual(["abcd", " ef"]);
  });

  test("tabs expand to the next 4-column stop", () => {
    expect(wrapSpans([{ text: "a\tb", style: PLAIN }], 20).map(rowToPlain)).toEqual(["a   b"]);
  });

  test("empty text is one empty row; a wide character never overflows a 1-cell width", () => {
    expect(wrapSpans([{ text: "", style: PLAIN }], 10)).toHaveLength(1);
    for (const r of wrapSpans([{ text: "中文", style: PLAIN }], 1)) expect(r.width).toBeLessThanOrEqual(1);
  });
});

describe("truncateToWidth", () => {
  test("cuts by cells and adds an ellipsis", () => {
    expect(truncateToWidth("hello world", 8)).toBe("hello w…");
    expect(truncateToWidth("short", 8)).toBe("short");
    expect(truncateToWidth("中文字符", 5)).toBe("中文…");
    expect(truncateToWidth("abc", 2, "...")).toBe("..");
    expect(truncateToWidth("👨‍👩‍👧‍👦x", 2)).toBe("…");
  });
});
