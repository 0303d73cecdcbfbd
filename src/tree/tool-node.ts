import type { ToolBlock } from "../session/blocks.ts";
import { codeRows, renderCode } from "../render/code.ts";
import { sanitize } from "../render/sanitize.ts";
import type { Row, Span, Style } from "../render/style.ts";
import type { Theme } from "../render/theme.ts";
import { prefixRow, span, truncateToWidth, wrapSpans } from "../render/text.ts";
import { TreeNode, type Overlay, type RenderEnv } from "./node.ts";
import { CLOCK_WIDTH, decor, formatElapsed, spinnerAndClock } from "./spans.ts";
import { argsSummary, looksLikeDiff } from "./tool-summary.ts";

const PREVIEW_LINES = 4;

/**
 * A tool call: status glyph, name and a one-line argument summary on the header,
 * then a short preview of the result; expanded, the full arguments and result
 * (unified diffs coloured). While running, the spinner and the clock are overlays.
 */
export class ToolNode extends TreeNode<ToolBlock> {
  constructor(block: ToolBlock) {
    super(block);
    this.collapsed = true;
  }

  override get collapsible(): boolean {
    return true;
  }

  override animates(): boolean {
    return this.running;
  }

  /** While running it is re-laid out as arguments stream in; packing each time would be waste. */
  override get evictable(): boolean {
    return !this.running;
  }

  private get running(): boolean {
    return this.block.status === "running" || this.block.status === "pending";
  }

  override overlays(now: number, theme: Theme): Overlay[] {
    const first = this.running ? this.rows?.at(0) : undefined;
    return first ? spinnerAndClock(first.width, this.block.startedAt, now, theme.ui.toolRunning, theme) : [];
  }

  protected renderRows(env: RenderEnv): Row[] {
    const ui = env.theme.ui;
    const rows = [this.header(env)];
    const output = this.block.output !== undefined ? sanitize(this.block.output) : undefined;
    if (!this.collapsed) rows.push(...this.fullArgs(env));
    if (output !== undefined && output.length > 0) rows.push(...this.result(output, env));
    else if (this.block.status === "done" && output !== undefined) rows.push(...indented([span("(no output)", ui.muted)], env.width, ui.muted));
    return rows;
  }

  private header(env: RenderEnv): Row {
    const ui = env.theme.ui;
    const b = this.block;
    const glyph = statusGlyph(b.status, ui);
    const reserve = CLOCK_WIDTH;
    const name = span(sanitize(b.name), ui.toolName);
    const spans: Span[] = [glyph, name];
    const room = env.width - reserve - 2 - name.width - 1;
    const summary = argsSummary(b.args, b.argsText);
    if (room > 1 && summary) spans.push(span(" " + truncateToWidth(sanitize(summary), room, "…"), ui.toolArgs));
    let width = spans.reduce((w, s) => w + s.width, 0);
    if (width > env.width) return wrapSpans(spans, env.width)[0]!;
    const tail = b.endedAt !== undefined ? formatElapsed(b.endedAt - b.startedAt) + " " : "";
    // running: blank cells for the clock overlay; finished: the final duration, right-aligned
    const pad = Math.max(0, env.width - width - tail.length);
    spans.push(span(" ".repeat(pad) + tail, ui.muted));
    width += pad + tail.length;
    return { spans, width };
  }

  private fullArgs(env: RenderEnv): Row[] {
    const b = this.block;
    const text = b.args !== undefined && typeof b.args === "object" ? JSON.stringify(b.args, null, 2) : b.argsText;
    if (!text || text === "{}") return [];
    return indentRows(renderCode(text, "json", env.width - 4, env.theme), env.width, env.theme.ui.muted);
  }

  /** `output` is already sanitized. */
  private result(output: string, env: RenderEnv): Row[] {
    const ui = env.theme.ui;
    const style = this.block.status === "failed" ? ui.toolFailed : ui.muted;
    const lines = output.replace(/\n+$/, "").split("\n");
    const diff = looksLikeDiff(output);
    if (this.collapsed) {
      const shown = lines.slice(0, PREVIEW_LINES);
      const rows: Row[] = [];
      for (const line of shown) {
        const lineStyle = diff ? diffStyle(line, env.theme) ?? style : style;
        rows.push(...indented([span(truncateToWidth(line, Math.max(1, env.width - 4), "…"), lineStyle)], env.width, ui.muted, rows.length === 0));
      }
      const hidden = lines.length - shown.length;
      if (hidden > 0) rows.push(...indented([span(`… +${hidden} lines (ctrl+o to expand)`, ui.muted)], env.width, ui.muted, false));
      return rows;
    }
    if (diff) return indentRows(codeRows(output, "diff", env.width - 4, env.theme), env.width, ui.muted);
    const rows: Row[] = [];
    for (const line of lines) rows.push(...indented([span(line, style)], env.width, ui.muted, rows.length === 0));
    return rows;
  }
}

function statusGlyph(status: ToolBlock["status"], ui: Theme["ui"]): Span {
  switch (status) {
    case "done":
      return span("✓ ", ui.toolDone);
    case "failed":
      return span("✗ ", ui.toolFailed);
    default:
      // the spinner overlay paints here
      return span("  ", ui.toolRunning);
  }
}

/** Result lines hang under the header behind "⎿", like a reply. */
function indented(spans: Span[], width: number, gutterStyle: Style, first = true): Row[] {
  return wrapSpans(spans, width, {
    firstPrefix: [decor(first ? "  ⎿ " : "    ", gutterStyle)],
    restPrefix: [decor("    ", gutterStyle)],
  });
}

function indentRows(rows: Row[], width: number, gutterStyle: Style): Row[] {
  const pad = [decor("    ", gutterStyle)];
  return rows.map((r) => (r.width + 4 <= width ? prefixRow(pad, 4, r) : r));
}

function diffStyle(line: string, theme: Theme): Style | undefined {
  const ui = theme.ui;
  if (line.startsWith("+++") || line.startsWith("---")) return ui.diffMeta;
  if (line.startsWith("+")) return ui.diffAdd;
  if (line.startsWith("-")) return ui.diffRemove;
  if (line.startsWith("@@")) return ui.diffHunk;
  return undefined;
}
