import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { sanitize, Sanitizer } from "../../src/render/sanitize.ts";

describe("sanitize", () => {
  test.each([
    ["CSI colour", "a\x1b[31mred\x1b[0mb", "aredb"],
    ["CSI cursor and erase", "x\x1b[2J\x1b[10;5H\x1b[?1049hy", "xy"],
    ["8-bit CSI", "a\x9b31mb", "ab"],
    ["OSC title, BEL", "\x1b]0;pwned\x07ok", "ok"],
    ["OSC 52 clipboard, ST", "\x1b]52;c;cm0gLXJmIC8=\x1b\\ok", "ok"],
    ["OSC 8 hyperlink", "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "click"],
    ["8-bit OSC", "\x9d0;t\x9cok", "ok"],
    ["DCS", "\x1bP1$r0m\x1b\\ok", "ok"],
    ["APC", "\x1b_Gf=100;AAAA\x1b\\ok", "ok"],
    ["PM", "\x1b^private\x1b\\ok", "ok"],
    ["SOS", "\x1bXstring\x1b\\ok", "ok"],
    ["charset", "\x1b(Bok", "ok"],
    ["reset", "\x1bcok", "ok"],
    ["stray ESC is shown", "a\x1b", "a\u241b"],
    ["ESC before a non-sequence byte", "a\x1b\x01", "a\u241b\u2401"],
    ["C0 controls are shown", "a\x00b\x07c\x08d", "a\u2400b\u2407c\u2408d"],
    ["DEL", "a\x7fb", "a\u2421b"],
    ["C1 controls, and an unfinished 8-bit DCS", "a\x85b\x90", "a\ufffdb\ufffd"],
    ["tab and newline stay, CR goes", "a\tb\r\nc\rd", "a\tb\ncd"],
    ["bidi override and isolate", "abc\u202edef\u2066x\u2069", "abc\ufffddef\ufffdx\ufffd"],
    ["lone surrogates", "a\ud800b\udc00c", "a\ufffdb\ufffdc"],
    ["pairs stay", "😀👨‍👩‍👧", "😀👨‍👩‍👧"],
  ])("%s", (_name, input, out) => {
    expect(sanitize(input)).toBe(out);
  });

  test("an unterminated OSC longer than the cap is shown, not swallowed", () => {
    const out = sanitize(`\x1b]0;${"x".repeat(5000)}`);
    expect(out.startsWith("\u241b]0;")).toBe(true);
    expect(out).not.toContain("\x1b");
  });

  test("plain ASCII is returned as is", () => {
    const s = "plain text, nothing to see ".repeat(100);
    expect(sanitize(s)).toBe(s);
  });
});

describe("Sanitizer (streaming)", () => {
  const nasty = fc.constantFrom(
    "\x1b[31m", "\x1b]52;c;aGk=\x07", "\x1b]8;;u\x1b\\", "\x1bP1\x1b\\", "\x1b", "\x9b1m", "\x07", "\r\n", "\u202e", "\ud800", "\udc00", "😀", "中", "text ", "\t",
  );
  test("any split gives the same output as the whole text", () => {
    fc.assert(
      fc.property(fc.array(nasty, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 20 }), (parts, cuts) => {
        const text = parts.join("");
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const s = new Sanitizer();
        let out = "";
        let at = 0;
        for (const p of [...points, text.length]) {
          out += s.push(text.slice(at, p));
          at = p;
        }
        out += s.flush();
        expect(out).toBe(sanitize(text));
        expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
      }),
      { numRuns: 500 },
    );
  });

  test("holds back an unfinished sequence until it is decided", () => {
    const s = new Sanitizer();
    expect(s.push("a\x1b]0;ti")).toBe("a");
    expect(s.held).toBe(6);
    expect(s.push("tle\x07b")).toBe("b");
    expect(s.push("\ud83d")).toBe("");
    expect(s.push("\ude00")).toBe("😀");
    expect(s.push("\x1b[")).toBe("");
    expect(s.flush()).toBe("\u241b[");
  });
});
