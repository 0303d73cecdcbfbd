import type { ToolBlock } from "../session/blocks.ts";
import { renderCode } from "../render/code.ts";
import { sanitize } from "../render/sanitize.ts";
import type { Row, Span, Style } from "../render/style.ts";
import type { Theme } from "../render/theme.ts";
import { truncateToWidth, wrapSpans } from "../render/text.ts";
import { TreeNode, type Overlay, type RenderEnv } from "./node.ts";
import { decor, formatElapsed, glyphSpan, spinnerFrame } from "./spans.ts";
import { argsSummary, looksLikeDiff } from "./tool-summary.ts";

const CLOCK_WIDTH = 8;
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

  private get running(): boolean {
    return this.block.status === "running" || this.block.status === "pending";
  }

  override overlays(now: number, theme: Theme): Overlay[] {
    const first = this.running ? this.rows?.at(0) : undefined;
    if (!first) return [];
    const width = first.width;
    return [
      { row: 0, col: 0, text: spinnerFrame(now), style: theme.ui.toolRunning },
      { row: 0, col: Math.max(0, width - CLOCK_WIDTH), text: formatElapsed(now - this.block.startedAt).padStart(CLOCK_WIDTH - 1) + " ", style: theme.ui.muted },
    ];
  }

  protected renderRows(env: RenderEnv): Row[] {
    const ui = env.theme.ui;
    const rows = [this.header(env)];
    const output = this.block.output !== undefined ? sanitize(this.block.output) : undefined;
    if (!this.collapsed) rows.push(...this.fullArgs(env));
    if (output !== undefined && output.length > 0) rows.push(...this.result(output, env));
    else if (this.block.status === "done" && output !== undefined) rows.push(...indented([glyphSpan("(no output)", ui.muted)], env.width, ui.muted));
    return rows;
  }

  private header(env: RenderEnv): Row {
    const ui = env.theme.ui;
    const b = this.block;
    const glyph = statusGlyph(b.status, ui);
    const reserve = CLOCK_WIDTH;
    const name = glyphSpan(sanitize(b.name), ui.toolName);
    const spans: Span[] = [glyph, name];
    const room = env.width - reserve - 2 - name.width - 1;
    const summary = argsSummary(b.args, b.argsText);
    if (room > 1 && summary) spans.push(glyphSpan(" " + truncateToWidth(sanitize(summary), room, "…"), ui.toolArgs));
    let width = spans.reduce((w, s) => w + s.width, 0);
    if (width > env.width) return wrapSpans(spans, env.width)[0]!;
    const tail = b.endedAt !== undefined ? formatElapsed(b.endedAt - b.startedAt) + " " : "";
    // running: blank cells for the clock overlay; finished: the final duration, right-aligned
    const pad = Math.max(0, env.width - width - tail.length);
    spans.push(glyphSpan(" ".repeat(pad) + tail, ui.muted));
    width += pad + tail.length;
    return { spans, width };
  }

  private fullArgs(env: RenderEnv): Row[] {
    const b = this.block;
    const text = b.args !== undefined && typeof b.args === "object" ? JSON.stringify(b.args, null, 2) : b.argsText;
    if (!text || text === "{}") return [];
    return indentRows(renderCode(sanitize(text), "json", env.width - 4, env.theme), env.width, env.theme.ui.muted);
  }

  private result(output: string, env: RenderEnv): Row[] {
    const ui = env.theme.ui;
    const style = this.block.status === "failed" ? ui.toolFailed : ui.muted;
    const lines = output.replace(/\n+$/, "").split("\n");
    if (this.collapsed) {
      const shown = lines.slice(0, PREVIEW_LINES);
      const rows: Row[] = [];
      for (const line of shown) {
        const lineStyle = looksLikeDiff(output) ? diffStyle(line, env.theme) ?? style : style;
        rows.push(...indented([glyphSpan(truncateToWidth(line, Math.max(1, env.width - 4), "…"), lineStyle)], env.width, ui.muted, rows.length === 0));
      }
      const hidden = lines.length - shown.length;
      if (hidden > 0) rows.push(...indented([glyphSpan(`… +${hidden} lines (ctrl+o to expand)`, ui.muted)], env.width, ui.muted, false));
      return rows;
    }
    if (looksLikeDiff(output)) return indentRows(renderCode(output, "diff", env.width - 4, env.theme), env.width, ui.muted);
    const rows: Row[] = [];
    for (const line of lines) rows.push(...indented([glyphSpan(line, style)], env.width, ui.muted, rows.length === 0));
    return rows;
  }
}

function statusGlyph(status: ToolBlock["status"], ui: Theme["ui"]): Span {
  switch (status) {
    case "done":
      return glyphSpan("✓ ", ui.toolDone);
    case "failed":
      return glyphSpan("✗ ", ui.toolFailed);
    default:
      // the spinner overlay paints here
      return glyphSpan("  ", ui.toolRunning);
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
  const pad = decor("    ", gutterStyle);
  return rows.map((r) => (r.width + 4 <= width ? { spans: [pad, ...r.spans], width: r.width + 4, ...(r.fill !== undefined && { fill: r.fill }) } : r));
}

function diffStyle(line: string, theme: Theme): Style | undefined {
  const ui = theme.ui;
  if (line.startsWith("+++") || line.startsWith("---")) return ui.diffMeta;
  if (line.startsWith("+")) return ui.diffAdd;
  if (line.startsWith("-")) return ui.diffRemove;
  if (line.startsWith("@@")) return ui.diffHunk;
  return undefined;
}
