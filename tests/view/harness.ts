/**
 * A transcript on OpenTUI's test renderer with simulated time: frames run when the
 * test says so, and the captured screen is what a terminal would show.
 */
import { createTestRenderer, type TestRendererSetup } from "@opentui/core/testing";
import type { AgentEvent } from "../../src/provider/events.ts";
import { darkTheme } from "../../src/render/theme.ts";
import { Transcript } from "../../src/session/transcript.ts";
import type { Timers } from "../../src/view/frame-loop.ts";
import { TranscriptController } from "../../src/view/transcript-controller.ts";

/** Timers that fire only when `advance` moves simulated time past them. */
export class ManualTimers implements Timers {
  time = 1_000_000;
  private seq = 0;
  private pending = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.time;
  }

  set(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.pending.set(id, { at: this.time + ms, fn });
    return id;
  }

  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  get armed(): number {
    return this.pending.size;
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.pending) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.pending.delete(next[0]);
      this.time = Math.max(this.time, next[1].at);
      next[1].fn();
    }
    this.time = end;
  }
}

export interface Harness {
  setup: TestRendererSetup;
  timers: ManualTimers;
  transcript: Transcript;
  controller: TranscriptController;
  copied: string[];
  /** Times the controller gave memory back. */
  reclaims: number;
  /** Applies events at the current simulated time. */
  feed(...events: AgentEvent[]): void;
  /** Runs timers for `ms` of simulated time, then paints what changed. */
  step(ms?: number): Promise<string>;
  screen(): string;
  dispose(): Promise<void>;
}

export async function openHarness(width = 80, height = 24, fps = 30): Promise<Harness> {
  const setup = await createTestRenderer({ width, height, nativeSceneVerify: true });
  const timers = new ManualTimers();
  const transcript = new Transcript();
  const copied: string[] = [];
  const controller = new TranscriptController(setup.renderer, {
    theme: darkTheme,
    fps,
    timers,
    now: () => timers.now(),
    copy: (text) => copied.push(text),
    reclaim: () => h.reclaims++,
  });
  setup.renderer.root.add(controller.view);
  await setup.renderOnce();
  controller.attach(transcript);
  const h: Harness = {
    setup,
    timers,
    transcript,
    controller,
    copied,
    reclaims: 0,
    feed: (...events) => {
      for (const e of events) transcript.apply(e, timers.now());
    },
    async step(ms = 100) {
      timers.advance(ms);
      await setup.renderOnce();
      return setup.captureCharFrame();
    },
    screen: () => setup.captureCharFrame(),
    async dispose() {
      controller.destroy();
      await setup.dispose();
    },
  };
  return h;
}
