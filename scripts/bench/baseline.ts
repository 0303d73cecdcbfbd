/**
 * What the two baseline strategies (naive.ts, idiomatic.ts) share, so they show the same
 * thing and differ only in how they draw it: which blocks animate, the text of the
 * reasoning and tool header lines, and the preview of a tool's output.
 */
import type { Block, ReasoningBlock, ToolBlock } from "../../src/session/blocks.ts";
import { formatElapsed, spinnerFrame } from "../../src/tree/spans.ts";
import { argsSummary } from "../../src/tree/tool-summary.ts";

/** Lines of a tool's output shown below its header. */
export const OUTPUT_LINES = 4;

/** How many of the last blocks are looked at for a live spinner. */
export const LIVE_SCAN = 16;

/** The first OUTPUT_LINES lines of a tool's output. */
export function outputPreview(output: string): string {
  return output.split("\n").slice(0, OUTPUT_LINES).join("\n");
}

/** A block whose header carries a spinner: streaming reasoning, or a tool call still waiting. */
export function isLive(b: Block): boolean {
  return (b.kind === "reasoning" && b.streaming) || (b.kind === "tool" && toolRunning(b));
}

export function toolRunning(block: ToolBlock): boolean {
  return block.status === "pending" || block.status === "running";
}

/** "⠋ Thinking… 3s" while it streams, "▸ Thought for 12s" once it ended. */
export function reasoningHeader(block: ReasoningBlock, now: number): string {
  if (!block.streaming) return `▸ Thought for ${formatElapsed((block.endedAt ?? now) - block.startedAt)}`;
  return `${spinnerFrame(now)} Thinking… ${formatElapsed(now - block.startedAt)}`;
}

/** The spinner while a tool runs, then ✓ or ✗. */
export function toolGlyph(block: ToolBlock, now: number): string {
  return toolRunning(block) ? spinnerFrame(now) : block.status === "failed" ? "✗" : "✓";
}

/** What follows the tool's name on its header line: its arguments and the time taken. */
export function toolDetail(block: ToolBlock, now: number): string {
  return ` ${argsSummary(block.args, block.argsText)}  ${formatElapsed((block.endedAt ?? now) - block.startedAt)}`;
}

/** The whole tool header line: glyph, name, arguments, time. */
export function toolHeader(block: ToolBlock, now: number): string {
  return `${toolGlyph(block, now)} ${block.name}${toolDetail(block, now)}`;
}
