import type { Usage } from "../provider/events.ts";

export interface StatusState {
  provider: string;
  model: string;
  usage: Usage;
  /** Milliseconds the current turn has been running, or null when idle. */
  runningMs: number | null;
  /** A transient message (e.g. "Press Ctrl+C again to quit"). */
  hint: string | null;
  stats: StatsFigures | null;
}

export interface StatsFigures {
  fps: number;
  frameMs: number;
  nodesPerFrame: number;
  heapMB: number;
  rssMB: number;
}

/** The one-line status: provider and model, tokens, what is happening; `--stats` adds the frame figures. */
export function statusText(s: StatusState, width: number): string {
  const left = [
    `${s.provider} · ${s.model}`,
    `↑${compact(s.usage.inputTokens)} ↓${compact(s.usage.outputTokens)}`,
    s.runningMs !== null ? `streaming ${Math.floor(s.runningMs / 1000)}s · Esc to cancel` : "ready",
  ].join("  ");
  const right = s.hint ?? (s.stats ? statsText(s.stats) : "");
  const gap = width - left.length - right.length;
  if (gap >= 2) return left + " ".repeat(gap) + right;
  return s.hint ? s.hint : left.slice(0, Math.max(0, width));
}

export function statsText(f: StatsFigures): string {
  return `${f.fps.toFixed(0)} fps · ${f.frameMs.toFixed(2)} ms/frame · ${f.nodesPerFrame.toFixed(1)} nodes/frame · heap ${f.heapMB.toFixed(0)} MB · rss ${f.rssMB.toFixed(0)} MB`;
}

function compact(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}
