/**
 * marked's tokens → rows. Every block is laid out for a width; containers (lists, quotes)
 * render their children narrower and prefix the rows, so the quote bar and the hanging
 * indent repeat on every wrapped row. A list item's rows never depend on its siblings (no
 * right-aligned numbers, no list-wide looseness), which is what lets a stream freeze
 * finished items of a list that is still growing.
 */
import type { Token, Tokens } from "marked";
import { codeRows, fenceLanguage } from "./code.ts";
import { decodeEntities } from "./entities.ts";
import { lexMarkdown, renderCounters } from "./lex.ts";
import { sanitize } from "./sanitize.ts";
import { layer, linked, type Row, type Span, type Style } from "./style.ts";
import { EMPTY_ROW, prefixRow, spaces, span, spansWidth, Wrapper } from "./text.ts";
import { renderTable } from "./table.ts";
import type { Theme } from "./theme.ts";

export interface RenderOptions {
  /**
   * The terminal shows OSC 8 hyperlinks: links render as their text only (the target rides
   * in Style.link). Otherwise (default) the text is followed by a dim " (url)".
   */
  hyperlinks?: boolean;
}

/** Narrowest content a container leaves its children; below it, indentation stops. */
const MIN_CONTENT = 4;
const NOT_ASCII = /[^\x20-\x7e\n]/;
const BULLETS = ["•", "◦", "▪"] as const;

/** Where inline content goes: the wrapper (layout) or a measurer (table columns). */
export interface InlineSink {
  text(s: string, style: Style): void;
  hardBreak(): void;
}

function softBreaks(s: string): string {
  return s.replace(/[ \t]*\n[ \t]*/g, " ");
}

/** An autolink or a link whose text is its address: showing the URL again adds nothing. */
function isSelfLink(link: Tokens.Link): boolean {
  const tokens = link.tokens ?? [];
  const only = tokens.length === 1 ? tokens[0] : undefined;
  // Most links have other text: rule that out before assembling the text.
  const text = only?.type === "text" ? only.text : tokens.length === 0 ? "" : plainText(tokens);
  const href = link.href;
  if (text === href) return true;
  const extra = href.length - text.length;
  return (extra === 7 || extra === 8) && href.endsWith(text) && (href.startsWith("mailto:") || href.startsWith("http://"));
}

function plainText(tokens: readonly Token[] | undefined): string {
  if (!tokens) return "";
  let s = "";
  for (const t of tokens) {
    if ("tokens" in t && t.tokens) s += plainText(t.tokens);
    else if (t.type === "text" || t.type === "codespan" || t.type === "escape") s += t.text;
  }
  return s;
}

/** Renders tokens for one theme and option set; stateless between calls. */
export class BlockRenderer {
  private readonly linkText: Style;
  private readonly blankQuote: Span;

  // Whether the block being laid out has character references or line breaks at all:
  // checked once per block, not once per text token.
  private entities = true;
  private newlines = true;
  private ascii = false;

  /** Markers, indents and bars recur on every item and row: one Span object each. */
  private readonly spans = new Map<Style, Map<string, Span>>();

  constructor(
    readonly theme: Theme,
    readonly options: RenderOptions = {},
  ) {
    this.linkText = theme.link;
    this.blankQuote = span("│", theme.quoteBar);
  }

  /**
   * Notes what a top-level block's source holds, so text tokens skip work they cannot
   * need. `block()` does it for top-level blocks; callers that enter at a list item (the
   * stream) pass the source of what they render.
   */
  prepare(raw: string): void {
    this.entities = raw.includes("&");
    this.newlines = raw.includes("\n");
    // Printable ASCII throughout (newlines become spaces; references could decode to more).
    this.ascii = !this.entities && !NOT_ASCII.test(raw);
  }

  /** A wrapper for inline content of the current block. */
  wrapper(width: number, first?: readonly Span[], rest?: readonly Span[]): Wrapper {
    const w = new Wrapper(width, first, rest);
    w.asciiOnly = this.ascii;
    return w;
  }

  span(text: string, style: Style): Span {
    let byText = this.spans.get(style);
    if (!byText) this.spans.set(style, (byText = new Map()));
    let s = byText.get(text);
    if (!s) byText.set(text, (s = span(text, style)));
    return s;
  }

  /** Inline tokens into a sink, styled over `base`. */
  inline(tokens: readonly Token[], base: Style, sink: InlineSink): void {
    const t = this.theme;
    for (const tok of tokens) {
      switch (tok.type) {
        case "text": {
          let text = this.entities ? decodeEntities(tok.raw) : tok.raw;
          if (this.newlines && text.includes("\n")) text = softBreaks(text);
          sink.text(text, base);
          break;
        }
        case "escape":
          sink.text(tok.text, base);
          break;
        case "strong":
          this.inline(tok.tokens ?? [], layer(base, t.strong), sink);
          break;
        case "em":
          this.inline(tok.tokens ?? [], layer(base, t.emphasis), sink);
          break;
        case "del":
          this.inline(tok.tokens ?? [], layer(base, t.strike), sink);
          break;
        case "codespan":
          sink.text(tok.text, layer(base, t.codeSpan));
          break;
        case "br":
          sink.hardBreak();
          break;
        case "link": {
          const link = tok as Tokens.Link;
          const style = linked(layer(base, this.linkText), link.href);
          this.inline(link.tokens ?? [], style, sink);
          if (!this.options.hyperlinks && !isSelfLink(link))
            sink.text(` (${link.href})`, linked(layer(base, t.linkUrl), link.href));
          break;
        }
        case "image": {
          const img = tok as Tokens.Image;
          const style = linked(layer(base, t.image), img.href);
          sink.text(`image: ${decodeEntities(img.text) || img.href}`, style);
          if (!this.options.hyperlinks) sink.text(` (${img.href})`, linked(layer(base, t.linkUrl), img.href));
          break;
        }
        case "html":
          sink.text(tok.raw.includes("\n") ? softBreaks(tok.raw) : tok.raw, layer(base, t.html));
          break;
        case "checkbox":
          break;
        default:
          if ("tokens" in tok && tok.tokens) this.inline(tok.tokens, base, sink);
          else if ("text" in tok && typeof tok.text === "string") sink.text(softBreaks(tok.text), base);
      }
    }
  }

  /** A run of inline content wrapped to `width`. */
  private flow(tokens: readonly Token[], width: number, base: Style, first?: readonly Span[], rest?: readonly Span[]): Row[] {
    const w = this.wrapper(width, first, rest);
    this.inline(tokens, base, w);
    return w.finish();
  }

  /** Blocks separated by one blank row; inside a list item a nested list hugs its text. */
  blocks(tokens: readonly Token[], width: number, base: Style, depth: number, inItem: boolean, from = 0, anyBefore = false): Row[] {
    const out: Row[] = [];
    let any = anyBefore;
    for (let i = from; i < tokens.length; i++) {
      const tok = tokens[i]!;
      if (tok.type === "space" || tok.type === "checkbox") continue;
      const rows = this.block(tok, width, base, depth);
      if (rows.length === 0) continue;
      if (any && !(inItem && tok.type === "list")) out.push(EMPTY_ROW);
      for (const r of rows) out.push(r);
      any = true;
    }
    return out;
  }

  /** One block's rows (no separators). `depth` counts enclosing lists. */
  block(tok: Token, width: number, base: Style, depth = 0): Row[] {
    const t = this.theme;
    if (depth === 0 && base === t.text) this.prepare(tok.raw);
    switch (tok.type) {
      case "paragraph":
      case "text":
        return this.flow(inlineOf(tok), width, base);
      case "heading": {
        const h = tok as Tokens.Heading;
        const level = Math.min(Math.max(h.depth, 1), 6);
        const style = layer(base, t.headings[level - 1]!);
        const marker = "#".repeat(level) + " ";
        if (width - marker.length < MIN_CONTENT) return this.flow(h.tokens, width, style);
        const first = [this.span(marker, layer(base, t.headingMarker))];
        return this.flow(h.tokens, width, style, first, [this.span(spaces(marker.length), base)]);
      }
      case "code": {
        const c = tok as Tokens.Code;
        // marked keeps one trailing newline that is not a line of the block (its HTML drops it).
        const text = c.text.endsWith("\n") ? c.text.slice(0, -1) : c.text;
        return codeRows(text, fenceLanguage(c.lang), width, t);
      }
      case "blockquote":
        return this.quote((tok as Tokens.Blockquote).tokens, width, base, depth);
      case "list": {
        const list = tok as Tokens.List;
        const start = typeof list.start === "number" ? list.start : 1;
        return this.listItems(list, 0, start, width, base, depth);
      }
      case "table":
        return renderTable(this, tok as Tokens.Table, width, base);
      case "hr":
        return [{ spans: [this.span("─".repeat(width), t.rule)], width }];
      case "html": {
        const text = tok.raw.replace(/\n+$/, "");
        const w = new Wrapper(width);
        w.lines(text, layer(base, t.html));
        return w.finish();
      }
      case "def":
      case "space":
        return [];
      default:
        return this.flow([{ type: "text", raw: tok.raw, text: tok.raw }], width, base);
    }
  }

  private quote(tokens: readonly Token[], width: number, base: Style, depth: number): Row[] {
    const inner = layer(base, this.theme.quoteText);
    if (width - 2 < MIN_CONTENT) return this.blocks(tokens, width, inner, depth, false);
    const rows = this.blocks(tokens, width - 2, inner, depth, false);
    const bar = [this.blankQuote, this.span(" ", base)];
    if (rows.length === 0) return [{ spans: [this.blankQuote], width: 1 }];
    return rows.map((r) => (r.width === 0 ? { spans: [this.blankQuote], width: 1 } : prefixRow(bar, 2, r)));
  }

  /**
   * Items `from`… of a list, numbered from `number`. A blank row follows an item when the
   * source had a blank line after it (never after the last item).
   */
  listItems(list: Tokens.List, from: number, number: number, width: number, base: Style, depth: number): Row[] {
    const out: Row[] = [];
    const items = list.items;
    for (let i = from; i < items.length; i++) {
      const rows = this.listItem(list, items[i]!, number + (i - from), width, base, depth);
      for (const r of rows) out.push(r);
      if (i < items.length - 1 && itemEndsWithBlank(items[i]!)) out.push(EMPTY_ROW);
    }
    return out;
  }

  /** One item's rows: marker (and task box) on the first row, hanging indent after. */
  listItem(list: Tokens.List, item: Tokens.ListItem, number: number, width: number, base: Style, depth: number): Row[] {
    const t = this.theme;
    const marker = list.ordered ? `${number}.` : BULLETS[depth % BULLETS.length]!;
    const first: Span[] = [this.span(marker + " ", layer(base, t.listMarker))];
    if (item.task) first.push(this.span(item.checked ? "[x] " : "[ ] ", layer(base, item.checked ? t.taskDone : t.taskOpen)));
    const pw = spansWidth(first);
    if (width - pw < MIN_CONTENT) return this.blocks(item.tokens, width, base, depth + 1, true);
    const indent = [this.span(spaces(pw), base)];
    const tokens = item.tokens;
    let k = 0;
    while (k < tokens.length && (tokens[k]!.type === "space" || tokens[k]!.type === "checkbox")) k++;
    const head = tokens[k];
    if (head && (head.type === "text" || head.type === "paragraph")) {
      // The usual item starts with text: wrap it with the marker and indent in place
      // instead of prefixing each row afterwards.
      const out = this.flow(inlineOf(head), width, base, first, indent);
      for (const r of this.blocks(tokens, width - pw, base, depth + 1, true, k + 1, true)) out.push(r.width === 0 ? EMPTY_ROW : prefixRow(indent, pw, r));
      return out;
    }
    const rows = this.blocks(tokens, width - pw, base, depth + 1, true);
    if (rows.length === 0) return [prefixRow(first, pw, EMPTY_ROW)];
    const out = new Array<Row>(rows.length);
    out[0] = prefixRow(first, pw, rows[0]!);
    for (let i = 1; i < rows.length; i++) out[i] = rows[i]!.width === 0 ? EMPTY_ROW : prefixRow(indent, pw, rows[i]!);
    return out;
  }
}

/** Inline tokens of a paragraph or a list item's text block. */
function inlineOf(tok: Token): readonly Token[] {
  return (tok as Tokens.Paragraph).tokens ?? [{ type: "text", raw: tok.raw, text: tok.raw }];
}

/** Whether the source had a blank line between this item and the next. */
export function itemEndsWithBlank(item: Tokens.ListItem): boolean {
  return /\n[ \t]*\n\s*$/.test(item.raw);
}

/** Top-level blocks → rows with one blank row between blocks; counts blocks rendered. */
export function renderTokens(tokens: readonly Token[], width: number, renderer: BlockRenderer, out: Row[] = []): Row[] {
  const base = renderer.theme.text;
  for (const tok of tokens) {
    if (tok.type === "space") continue;
    renderCounters.blocksRendered++;
    const rows = renderer.block(tok, width, base, 0);
    if (rows.length === 0) continue;
    if (out.length > 0) out.push(EMPTY_ROW);
    for (const r of rows) out.push(r);
  }
  return out;
}

/** Full render: markdown source → rows no wider than `width`. */
export function renderMarkdown(source: string, width: number, theme: Theme, options: RenderOptions = {}): Row[] {
  const w = Math.max(1, Math.floor(width));
  return renderTokens(lexMarkdown(sanitize(source)), w, new BlockRenderer(theme, options));
}

