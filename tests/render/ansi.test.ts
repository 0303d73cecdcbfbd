import { describe, expect, test } from "bun:test";
import { rowsToAnsi, rowToPlain } from "../../src/render/ansi.ts";
import { renderMarkdown } from "../../src/render/markdown.ts";
import { Attr, style } from "../../src/render/style.ts";
import { span } from "../../src/render/text.ts";
import { darkTheme } from "../../src/render/theme.ts";

describe("rowsToAnsi", () => {
  test("plain when colour is off: text only, one line per row", () => {
    const rows = renderMarkdown("**a** [b](https://c.io)", 40, darkTheme);
    expect(rowsToAnsi(rows, { color: false, hyperlinks: true })).toBe("a b (https://c.io)\n");
  });

  test("palette colours and attributes as SGR, truecolor raw", () => {
    const row = { spans: [span("x", style({ fg: 1, attrs: Attr.BOLD })), span("y", style({ fg: "#102030" })), span("z", style({ bg: 200 }))], width: 3 };
    expect(rowsToAnsi([row], { color: true, hyperlinks: false })).toBe("\x1b[1m\x1b[31mx\x1b[39m\x1b[22m\x1b[38;2;16;32;48my\x1b[39m\x1b[48;5;200mz\x1b[49m\n");
  });

  test("OSC 8 around linked spans only when hyperlinks are on", () => {
    const row = { spans: [span("go", style({ link: "https://x.io" }))], width: 2 };
    expect(rowsToAnsi([row], { color: true, hyperlinks: true })).toBe("\x1b]8;;https://x.io\x1b\\go\x1b]8;;\x1b\\\n");
    expect(rowsToAnsi([row], { color: true, hyperlinks: false })).toBe("go\n");
  });

  test("filled rows are padded to the width in the fill colour", () => {
    const [row] = renderMarkdown("```\nx\n```", 6, darkTheme);
    expect(rowsToAnsi([row!], { color: true, hyperlinks: false, width: 6 })).toEndWith("\x1b[48;2;31;36;48m    \x1b[49m\n");
    expect(rowToPlain(row!)).toBe(" x");
  });
});
