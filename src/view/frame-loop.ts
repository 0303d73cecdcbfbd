/**
 * The one clock that drives the transcript. Content changes (a streamed chunk, a
 * scroll, a key) ask for a frame; frames are coalesced to at most `fps` a second,
 * however fast chunks come. Animations (spinners, clocks) tick on a separate, slower
 * beat that only repaints overlay cells. With nothing dirty and nothing animating no
 * timer is armed at all, so an idle petrel never wakes up.
 */
import { SPINNER_FRAME_MS } from "../tree/spans.ts";

export interface Timers {
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => performance.now(),
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface FrameHandlers {
  /** Lay out dirty nodes and repaint what changed. */
  frame(): void;
  /** Repaint animated overlays only; must not touch any node. */
  tick(): void;
  /** Whether anything on screen animates right now. */
  animating(): boolean;
}

export class FrameLoop {
  private frameTimer: unknown = null;
  private tickTimer: unknown = null;
  private lastFrame = -Infinity;
  private readonly frameInterval: number;
  private readonly tickInterval: number;
  framesDrawn = 0;
  ticksDrawn = 0;

  constructor(
    private readonly timers: Timers,
    private readonly handlers: FrameHandlers,
    fps: number,
    animationFps = 1000 / SPINNER_FRAME_MS,
  ) {
    this.frameInterval = 1000 / fps;
    this.tickInterval = 1000 / animationFps;
  }

  /** Something changed: draw a frame as soon as the fps cap allows. */
  invalidate(): void {
    if (this.frameTimer !== null) return;
    const wait = Math.max(0, this.lastFrame + this.frameInterval - this.timers.now());
    this.frameTimer = this.timers.set(() => this.runFrame(), wait);
  }

  stop(): void {
    if (this.frameTimer !== null) this.timers.clear(this.frameTimer);
    if (this.tickTimer !== null) this.timers.clear(this.tickTimer);
    this.frameTimer = this.tickTimer = null;
  }

  get idle(): boolean {
    return this.frameTimer === null && this.tickTimer === null;
  }

  private runFrame(): void {
    this.frameTimer = null;
    this.lastFrame = this.timers.now();
    this.framesDrawn++;
    this.handlers.frame();
    this.armTick();
  }

  private armTick(): void {
    if (this.tickTimer === null && this.handlers.animating()) this.scheduleTick();
  }

  /** Each tick asks once whether anything still animates; the answer decides that tick. */
  private scheduleTick(): void {
    this.tickTimer = this.timers.set(() => {
      this.tickTimer = null;
      if (!this.handlers.animating()) return;
      this.ticksDrawn++;
      this.handlers.tick();
      this.scheduleTick();
    }, this.tickInterval);
  }
}
