/** Test helpers: rows as plain lines, and as a compact styled notation. */
import { rowToPlain } from "../../src/render/ansi.ts";
import { renderMarkdown, type RenderOptions } from "../../src/render/markdown.ts";
import { Attr, type Row, type Style } from "../../src/render/style.ts";
import { darkTheme, type Theme } from "../../src/render/theme.ts";

export function plain(md: string, width = 40, theme: Theme = darkTheme, options?: RenderOptions): string[] {
  return renderMarkdown(md, width, theme, options).map(rowToPlain);
}

const LETTERS: [number, string][] = [
  [Attr.BOLD, "b"],
  [Attr.DIM, "d"],
  [Attr.ITALIC, "i"],
  [Attr.UNDERLINE, "u"],
  [Attr.INVERSE, "r"],
  [Attr.STRIKE, "s"],
];

/** "b,fg5" for bold magenta; "" for plain. */
export function describeStyle(s: Style): string {
  const parts: string[] = [];
  for (const [bit, l] of LETTERS) if (s.attrs & bit) parts.push(l);
  if (s.fg !== undefined) parts.push(`fg${s.fg}`);
  if (s.bg !== undefined) parts.push(`bg${s.bg}`);
  if (s.link !== undefined) parts.push(`->${s.link}`);
  return parts.join(",");
}

/** Spans as `{style|text}`, plain spans as bare text; `~bg` marks a filled row. */
export function styledRow(row: Row): string {
  const body = row.spans.map((s) => (describeStyle(s.style) ? `{${describeStyle(s.style)}|${s.text}}` : s.text)).join("");
  return row.fill !== undefined ? `${body}~${row.fill}` : body;
}

export function styled(md: string, width = 40, theme: Theme = darkTheme, options?: RenderOptions): string[] {
  return renderMarkdown(md, width, theme, options).map(styledRow);
}
