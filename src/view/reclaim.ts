import type { Timers } from "./frame-loop.ts";

/** A burst worth reclaiming after, and how long the screen must stay still first. */
export const RECLAIM_AFTER_FRAMES = 60;
export const RECLAIM_IDLE_MS = 2000;

/**
 * Streaming allocates steadily (a frame's lexing and rows are garbage a moment later),
 * and the heap keeps that garbage until the next collection. Once output stops, a full
 * collection frees it, so a long session idles near its live size. Bun.shrink() would
 * return more pages but throws away JIT code too: the next burst then ran ~5x the CPU.
 */
function collectGarbage(): void {
  Bun.gc(true);
}

/**
 * When to give memory back: after a burst of at least RECLAIM_AFTER_FRAMES frames, once
 * the screen has been still for RECLAIM_IDLE_MS. One timer, re-armed by frames; none at
 * all while idle.
 */
export class ReclaimPolicy {
  private timer: unknown = null;
  private framesSince = 0;

  constructor(
    private readonly timers: Timers,
    /** Whether nothing is drawing or animating (a spinner still turning is not "still"). */
    private readonly still: () => boolean,
    private readonly reclaim: () => void = collectGarbage,
  ) {}

  frameDrawn(): void {
    if (++this.framesSince >= RECLAIM_AFTER_FRAMES) this.arm();
  }

  stop(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  private arm(): void {
    this.stop();
    this.timer = this.timers.set(() => {
      this.timer = null;
      if (!this.still()) return this.arm();
      this.framesSince = 0;
      this.reclaim();
    }, RECLAIM_IDLE_MS);
  }
}
