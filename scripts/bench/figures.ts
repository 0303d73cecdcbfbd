/**
 * From raw scenario results (windows, counters, GC-log allocation) to the figures the
 * report prints: per streamed byte, per frame, and ratios. Windowed runs are
 * extrapolated: each window gives a value at its midpoint in the stream, the values are
 * joined piecewise-linearly (held flat before the first and after the last) and averaged
 * over the whole stream — costs that grow with the streamed message (naive re-renders
 * it all) are then weighted as they would be over the full stream.
 */
import type { AllocWindow } from "./alloc.ts";
import type { ScenarioResult, WindowResult } from "./scenario.ts";
import type { StrategyName } from "./strategy.ts";

export interface Figures {
  strategy: StrategyName;
  messages: number;
  /** "whole stream" or how the windows were taken. */
  measured: string;
  extrapolated: boolean;
  /** Bytes streamed inside measured windows. */
  measuredBytes: number;
  streamBytes: number;
  allocPerByte: number;
  /** Share of the measured allocation estimated from heap capacity rather than reported exactly by JSC. */
  allocEstimated: number;
  /** Allocation by other JS heaps (OpenTUI's tree-sitter worker), per streamed byte. */
  workerAllocPerByte: number;
  cpuMsPerMB: number;
  frames: number;
  fps: number;
  nodesPerFrame: number;
  rowsPerFrame: number;
  spansPerFrame: number;
  lexedPerByte: number;
  cpuMsPerFrame: number;
  allocPerFrame: number;
  /** Native frame work per painted frame (OpenTUI's counters). */
  paintVisitsPerFrame: number;
  yogaSolvesPerFrame: number;
  heapStart: number;
  heapEnd: number;
  rssEnd: number;
  rssPeak: number;
  ticks: number;
  /** Content renders inside animation ticks, plus those while only a spinner animated. */
  tickRenders: number;
  quietMs: number;
  quietRenders: number;
  setupMs: number;
  wallMs: number;
}

interface Point {
  x: number;
  y: number;
}

/** Mean over [0, total] of the piecewise-linear curve through `points`, flat beyond its ends. */
export function meanOverStream(points: Point[], total: number): number {
  const p = points.filter((q) => Number.isFinite(q.y)).sort((a, b) => a.x - b.x);
  if (p.length === 0) return Number.NaN;
  if (p.length === 1 || total <= 0) return p.reduce((s, q) => s + q.y, 0) / p.length;
  let area = p[0]!.y * Math.max(0, p[0]!.x);
  for (let i = 1; i < p.length; i++) {
    const a = p[i - 1]!;
    const b = p[i]!;
    area += ((a.y + b.y) / 2) * (b.x - a.x);
  }
  const last = p[p.length - 1]!;
  area += last.y * Math.max(0, total - last.x);
  const span = Math.max(total, last.x) - Math.min(0, p[0]!.x);
  return area / span;
}

function sum(ws: WindowResult[], f: (w: WindowResult) => number): number {
  return ws.reduce((s, w) => s + f(w), 0);
}

export function figures(r: ScenarioResult, alloc: AllocWindow[], wallMs: number, windowLabel: string): Figures {
  const ws = r.windows;
  const extrapolated = ws.length > 1 || (ws[0] !== undefined && ws[0].streamed < r.streamBytes * 0.99);
  const allocOf = (i: number) => alloc[i]?.bytes ?? Number.NaN;
  const workerOf = (i: number) => alloc[i]?.otherHeaps ?? 0;
  const perByte = (f: (w: WindowResult, i: number) => number) =>
    meanOverStream(
      ws.map((w, i) => ({ x: w.at + w.streamed / 2, y: w.streamed > 0 ? f(w, i) / w.streamed : Number.NaN })),
      r.streamBytes,
    );
  const perFrame = (f: (w: WindowResult, i: number) => number) =>
    meanOverStream(
      ws.map((w, i) => ({ x: w.at + w.streamed / 2, y: w.frames > 0 ? f(w, i) / w.frames : Number.NaN })),
      r.streamBytes,
    );
  const frames = sum(ws, (w) => w.frames);
  const simMs = sum(ws, (w) => w.simMs);
  const ticks = sum(ws, (w) => w.counters.ticks);
  return {
    strategy: r.strategy,
    messages: r.messages,
    measured: windowLabel,
    extrapolated,
    measuredBytes: sum(ws, (w) => w.streamed),
    streamBytes: r.streamBytes,
    allocPerByte: perByte((_, i) => allocOf(i)),
    workerAllocPerByte: perByte((_, i) => workerOf(i)),
    allocEstimated: alloc.reduce((a, w) => a + w.estimated, 0) / alloc.reduce((a, w) => a + w.bytes, 0),
    cpuMsPerMB: perByte((w) => w.cpuMs) * 1024 * 1024,
    frames,
    fps: simMs > 0 ? frames / (simMs / 1000) : 0,
    nodesPerFrame: perFrame((w) => w.counters.nodesRendered),
    rowsPerFrame: perFrame((w) => w.counters.rowsDrawn),
    spansPerFrame: perFrame((w) => w.counters.spansDrawn),
    lexedPerByte: perByte((w) => w.counters.bytesLexed),
    cpuMsPerFrame: perFrame((w) => w.cpuMs),
    allocPerFrame: perFrame((_, i) => allocOf(i)),
    paintVisitsPerFrame: perFrame((w) => w.native.paintVisits),
    yogaSolvesPerFrame: perFrame((w) => w.native.yogaSolves),
    heapStart: r.heapStart,
    heapEnd: r.heapEnd,
    rssEnd: r.rssEnd,
    rssPeak: r.rssPeak,
    ticks,
    tickRenders: sum(ws, (w) => w.counters.tickRenders),
    quietMs: r.quiet.ms,
    quietRenders: r.quiet.nodesRendered,
    setupMs: r.setupMs,
    wallMs,
  };
}
