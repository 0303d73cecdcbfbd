/**
 * A transcript on OpenTUI's test renderer with simulated time: frames run when the
 * test says so, and the captured screen is what a terminal would show.
 */
import { createTestRenderer, type TestRendererSetup } from "@opentui/core/testing";
import { ManualClock } from "../../src/provider/clock.ts";
import type { AgentEvent } from "../../src/provider/events.ts";
import { darkTheme } from "../../src/render/theme.ts";
import { Transcript } from "../../src/session/transcript.ts";
import { TranscriptController } from "../../src/view/transcript-controller.ts";

export interface Harness {
  setup: TestRendererSetup;
  timers: ManualClock;
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
  const timers = new ManualClock(1_000_000);
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
      await timers.advance(ms);
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
