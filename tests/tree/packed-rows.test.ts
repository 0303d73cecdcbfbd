import { expect, test } from "bun:test";
import fc from "fast-check";
import { renderMarkdown } from "../../src/render/markdown.ts";
import { span } from "../../src/render/text.ts";
import { darkTheme } from "../../src/render/theme.ts";
import { Gutter, isDecoration } from "../../src/tree/gutter.ts";
import { PackedRows } from "../../src/tree/packed-rows.ts";
import { markdownDoc } from "../render/arbitraries.ts";

const gutter = new Gutter(span("● ", darkTheme.ui.accent), span("  ", darkTheme.ui.muted));

function gutterRows(markdown: string, width: number) {
  return renderMarkdown(markdown, width - gutter.width, darkTheme).map((row, i) => gutter.apply(row, i === 0));
}

function unpack(packed: PackedRows) {
  return Array.from({ length: packed.length }, (_, i) => packed.at(i)!);
}

test("packed rows read back equal to the rows they were packed from", () => {
  fc.assert(
    fc.property(markdownDoc, fc.integer({ min: 12, max: 100 }), (doc, width) => {
      const rows = gutterRows(doc, width);
      expect(unpack(new PackedRows(rows))).toEqual(rows);
    }),
    { numRuns: 150 },
  );
});

test("code fills, styles and the gutter's decoration spans survive packing", () => {
  const rows = gutterRows("# Title\n\nsome **bold** text\n\n```ts\nconst x = 1;\n```\n", 40);
  const back = unpack(new PackedRows(rows));
  expect(back.some((r) => r.fill !== undefined)).toBe(true);
  for (let i = 0; i < rows.length; i++) {
    expect(back[i]!.fill).toBe(rows[i]!.fill);
    expect(isDecoration(back[i]!.spans[0]!)).toBe(true);
    back[i]!.spans.forEach((span, s) => expect(span.style).toBe(rows[i]!.spans[s]!.style));
  }
});

test("a row read twice is the same object, so the view's identity diff holds", () => {
  const packed = new PackedRows(gutterRows(Array.from({ length: 60 }, (_, i) => `line ${i}`).join("\n\n"), 40));
  const first = packed.at(10);
  expect(packed.at(10)).toBe(first);
  expect(packed.at(-1)).toBe(packed.at(packed.length - 1));
  expect(packed.at(packed.length)).toBeUndefined();
});
