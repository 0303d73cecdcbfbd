/**
 * What the scenario driver needs from a rendering strategy. Each strategy owns whatever
 * it puts on the (test) renderer, listens to the transcript it is given, and keeps
 * monotonic work counters the driver reads at window boundaries.
 */
import type { CliRenderer } from "@opentui/core";
import type { ManualClock } from "../../src/provider/clock.ts";
import type { Theme } from "../../src/render/theme.ts";
import type { Transcript } from "../../src/session/transcript.ts";

/** "none" runs the harness alone (replay, session, clock; no view): the floor every strategy pays. */
export type StrategyName = "petrel" | "naive" | "idiomatic" | "none";

/** The test renderer every scenario draws on (here, not in scenario.ts, so the bench's parent process can read it without loading OpenTUI). */
export const WIDTH = 120;
export const HEIGHT = 40;

export interface StrategyCounters {
  /**
   * Content renders: petrel — tree nodes re-rendered (cache misses); naive — messages
   * re-rendered from markdown; idiomatic — renderables whose content was set (markdown,
   * reasoning, tool lines, spinners).
   */
  nodesRendered: number;
  /** Rows copied into the native buffer by JS (idiomatic: 0, OpenTUI paints natively). */
  rowsDrawn: number;
  /** Spans drawn with drawText by JS. */
  spansDrawn: number;
  /** UTF-16 code units passed through a markdown lexer. */
  bytesLexed: number;
  /** Animation ticks (10 Hz while a spinner shows). */
  ticks: number;
  /** Content renders that happened inside a tick. */
  tickRenders: number;
  /** The strategy's own frames (petrel: frame-loop frames; naive: View() calls; idiomatic: flushes). */
  updates: number;
}

export interface StrategyContext {
  renderer: CliRenderer;
  time: ManualClock;
  theme: Theme;
  fps: number;
  /** petrel's row-cache budget (experiments); default: what the app uses. */
  cacheBudgetBytes?: number;
}

export interface Strategy {
  readonly name: StrategyName;
  /** Takes over a transcript that may already hold history, and schedules the first paint. */
  attach(transcript: Transcript): void;
  counters(): StrategyCounters;
  /**
   * Stops reacting to transcript changes (the driver skips ahead to the next measured
   * window); `resume` catches up with everything that changed meanwhile.
   */
  suspend(): void;
  resume(): void;
  destroy(): void;
}

export function zeroCounters(): StrategyCounters {
  return { nodesRendered: 0, rowsDrawn: 0, spansDrawn: 0, bytesLexed: 0, ticks: 0, tickRenders: 0, updates: 0 };
}

export function diffCounters(a: StrategyCounters, b: StrategyCounters): StrategyCounters {
  const out = zeroCounters();
  for (const k of Object.keys(out) as (keyof StrategyCounters)[]) out[k] = b[k] - a[k];
  return out;
}

/** Renderer settings per strategy: petrel as src/view/app.ts configures it, baselines at the frame rate under test. */
export function rendererFps(name: StrategyName, fps: number): number {
  return name === "petrel" ? Math.max(60, fps) : fps;
}

/** The harness alone: the transcript fills, nothing draws it. */
export class NoStrategy implements Strategy {
  readonly name = "none" as const;
  attach(): void {}
  counters(): StrategyCounters {
    return zeroCounters();
  }
  suspend(): void {}
  resume(): void {}
  destroy(): void {}
}
