/** The figures `--stats` and /stats show: frame rate and cost, and the process's memory. */

/** Counted by the transcript controller on every frame. */
export interface FrameStats {
  frames: number;
  lastFrameMs: number;
  nodesRenderedLastFrame: number;
}

export interface StatsFigures {
  fps: number;
  frameMs: number;
  nodesPerFrame: number;
  heapMB: number;
  rssMB: number;
}

/** Frames per second over windows of at least a second (a per-frame rate would flicker). */
export class FpsMeter {
  private start = 0;
  private frames = 0;
  private fps = 0;

  sample(frames: number, now: number): number {
    if (now - this.start >= 1000) {
      this.fps = ((frames - this.frames) * 1000) / Math.max(1, now - this.start);
      this.start = now;
      this.frames = frames;
    }
    return this.fps;
  }
}

export function statsFigures(stats: FrameStats, meter: FpsMeter, now: number): StatsFigures {
  const mem = process.memoryUsage();
  return {
    fps: meter.sample(stats.frames, now),
    frameMs: stats.lastFrameMs,
    nodesPerFrame: stats.nodesRenderedLastFrame,
    heapMB: mem.heapUsed / 1048576,
    rssMB: mem.rss / 1048576,
  };
}

export function statsText(f: StatsFigures): string {
  return `${f.fps.toFixed(0)} fps · ${f.frameMs.toFixed(2)} ms/frame · ${f.nodesPerFrame.toFixed(1)} nodes/frame · heap ${f.heapMB.toFixed(0)} MB · rss ${f.rssMB.toFixed(0)} MB`;
}
