/**
 * Code blocks: one row per line (hard-wrapped when longer than the width), highlighted,
 * on the theme's code background filled to the right edge. `CodeBlock` takes lines one at a
 * time and keeps the highlighter's line state, so a streaming fence freezes each completed
 * line with exactly the rows a full render gives it.
 */
import { grammarFor, highlightLine, Kind, type Grammar, type Runs } from "./highlight.ts";
import { sanitize } from "./sanitize.ts";
import type { Row, Span, Style } from "./style.ts";
import { expandTabs, fitPrefix, isPlainAscii, stringWidth } from "./text.ts";
import type { CodeTheme, Theme } from "./theme.ts";

const kindStyles = new WeakMap<CodeTheme, readonly Style[]>();

function stylesOf(c: CodeTheme): readonly Style[] {
  let s = kindStyles.get(c);
  if (!s) {
    const byKind: Record<Kind, Style> = {
      [Kind.Text]: c.text,
      [Kind.Keyword]: c.keyword,
      [Kind.String]: c.string,
      [Kind.Number]: c.number,
      [Kind.Comment]: c.comment,
      [Kind.Type]: c.type,
      [Kind.Func]: c.func,
      [Kind.Builtin]: c.builtin,
      [Kind.Literal]: c.literal,
      [Kind.Property]: c.property,
      [Kind.Tag]: c.tag,
      [Kind.Attr]: c.attr,
      [Kind.Variable]: c.variable,
      [Kind.Meta]: c.meta,
      [Kind.Regexp]: c.regexp,
      [Kind.Add]: c.add,
      [Kind.Remove]: c.remove,
      [Kind.Hunk]: c.hunk,
      [Kind.DiffMeta]: c.diffMeta,
      [Kind.Punct]: c.text,
    };
    s = Object.values(byKind);
    kindStyles.set(c, s);
  }
  return s;
}

/** The first word of a fence's info string, which names the language. */
export function fenceLanguage(info: string | undefined): string | undefined {
  const word = info?.trim().split(/\s/, 1)[0];
  return word ? word : undefined;
}

/** A code block being filled line by line. */
export class CodeBlock {
  private readonly grammar: Grammar | undefined;
  private readonly styles: readonly Style[];
  private readonly runs: Runs = { ends: [], kinds: [], count: 0 };
  private readonly pad: number;
  private readonly padSpan: Span;
  private readonly fill: string | number;
  private state = 0;
  /** Lines taken so far. */
  lines = 0;

  constructor(
    lang: string | undefined,
    private readonly width: number,
    theme: Theme,
  ) {
    this.grammar = grammarFor(lang);
    this.styles = stylesOf(theme.code);
    this.fill = theme.code.bg;
    // One cell of padding each side when there is room; narrow rows get none.
    this.pad = width >= 6 ? 1 : 0;
    this.padSpan = { text: " ", style: theme.code.text, width: 1 };
  }

  /** Rows of the next line; the highlighter state moves on. `ascii`: known printable ASCII. */
  line(text: string, ascii = false): Row[] {
    this.lines++;
    const expanded = ascii ? text : expandTabs(text);
    const runs = this.highlight(expanded, true);
    if (ascii && expanded.length <= this.width - 2 * this.pad) return [this.oneRow(expanded, runs)];
    return this.layout(expanded, runs);
  }

  /** Rows the line would get next, without taking it (the open line of a stream). */
  peek(text: string): Row[] {
    const expanded = expandTabs(text);
    return this.layout(expanded, this.highlight(expanded, false));
  }

  /**
   * Highlights `line` into the `runs` scratch (null without a grammar), from the state the
   * previous line left; `advance`: the line is taken, so its end state carries on.
   */
  private highlight(line: string, advance: boolean): Runs | null {
    if (!this.grammar) return null;
    const state = highlightLine(this.grammar, line, this.state, this.runs);
    if (advance) this.state = state;
    return this.runs;
  }

  private layout(line: string, runs: Runs | null): Row[] {
    const content = Math.max(1, this.width - 2 * this.pad);
    if (line.length <= content && isPlainAscii(line)) return [this.oneRow(line, runs)];
    const rows: Row[] = [];
    let spans: Span[] = this.pad ? [this.padSpan] : [];
    let used = 0;
    const flush = () => {
      rows.push({ spans, width: this.pad + used, fill: this.fill });
      spans = this.pad ? [this.padSpan] : [];
      used = 0;
    };
    const put = (text: string, style: Style) => {
      if (text.length === 0) return;
      const ascii = isPlainAscii(text);
      let rest = text;
      // Measured once: a long line is cut many times, each cut must not re-measure the rest.
      let w = ascii ? text.length : stringWidth(text);
      while (rest.length > 0) {
        if (used + w <= content) {
          spans.push({ text: rest, style, width: w });
          used += w;
          return;
        }
        const fit = fitPrefix(rest, content - used, ascii);
        if (fit.text.length === 0) {
          if (used === 0) {
            // A wide character in a one-cell column: a narrow stand-in keeps the row in bounds.
            spans.push({ text: "…", style, width: 1 });
            used = 1;
            rest = rest.slice(String.fromCodePoint(rest.codePointAt(0)!).length);
            w = stringWidth(rest);
          }
          flush();
          continue;
        }
        spans.push({ text: fit.text, style, width: fit.width });
        used += fit.width;
        w -= fit.width;
        rest = rest.slice(fit.text.length);
        flush();
      }
    };
    if (!runs) put(line, this.styles[Kind.Text]!);
    else {
      let start = 0;
      for (let k = 0; k < runs.count; k++) {
        const end = runs.ends[k]!;
        put(line.slice(start, end), this.styles[runs.kinds[k]!]!);
        start = end;
      }
    }
    if (used > 0 || rows.length === 0) flush();
    return rows;
  }

  /** A line that fits and is plain ASCII: width is length, no cutting. */
  private oneRow(line: string, runs: Runs | null): Row {
    const spans: Span[] = [];
    // The padding merges into a first run of plain code text: one span fewer per row.
    let lead = this.pad ? " " : "";
    const plain = this.styles[Kind.Text]!;
    if (!runs) {
      if (lead.length + line.length > 0) spans.push({ text: lead + line, style: plain, width: lead.length + line.length });
    }
    else {
      let start = 0;
      for (let k = 0; k < runs.count; k++) {
        const end = runs.ends[k]!;
        const style = this.styles[runs.kinds[k]!]!;
        if (lead && style !== plain) {
          spans.push(this.padSpan);
          lead = "";
        }
        if (end > start) {
          spans.push({ text: lead + line.slice(start, end), style, width: lead.length + end - start });
          lead = "";
        }
        start = end;
      }
      if (lead) spans.push(this.padSpan);
    }
    return { spans, width: this.pad + line.length, fill: this.fill };
  }
}

/**
 * Rows for a code block, the same look as fenced code in markdown. An empty `code` is
 * one empty line. `code` is sanitized here, since callers pass tool output straight in.
 */
export function renderCode(code: string, lang: string | undefined, width: number, theme: Theme): Row[] {
  return codeRows(sanitize(code), lang, width, theme);
}

/** As renderCode, for text that is already sanitized (markdown). */
export function codeRows(code: string, lang: string | undefined, width: number, theme: Theme): Row[] {
  const block = new CodeBlock(lang, width, theme);
  const rows: Row[] = [];
  // One test for the whole block spares every line its tab and width checks.
  const ascii = !/[^\x20-\x7e\n]/.test(code);
  for (const line of code.split("\n")) for (const r of block.line(line, ascii)) rows.push(r);
  return rows;
}

/** A unified diff (tool results) coloured by line: additions, removals, hunks, headers. */
export function renderDiff(diff: string, width: number, theme: Theme): Row[] {
  return renderCode(diff, "diff", width, theme);
}
