/**
 * Strategy 1, petrel: the TranscriptController exactly as the chat screen builds it
 * (retained tree, throttled frame loop, viewport-diff view), on the shared simulated
 * timers. The bench only reads its counters; one instrument wraps the view's tick to
 * count node renders that happen inside an animation tick (DESIGN.md: must be 0).
 */
import { renderCounters } from "../../src/render/lex.ts";
import type { Transcript } from "../../src/session/transcript.ts";
import { TranscriptController } from "../../src/view/transcript-controller.ts";
import type { Strategy, StrategyContext, StrategyCounters } from "./strategy.ts";

export class PetrelStrategy implements Strategy {
  readonly name = "petrel" as const;
  readonly controller: TranscriptController;
  private tickRenders = 0;
  private transcript: Transcript | null = null;

  constructor(ctx: StrategyContext) {
    this.controller = new TranscriptController(ctx.renderer, {
      theme: ctx.theme,
      fps: ctx.fps,
      timers: ctx.time,
      now: () => ctx.time.now(),
      cacheBudgetBytes: ctx.cacheBudgetBytes,
      copy: () => {},
    });
    ctx.renderer.root.add(this.controller.view);
    const view = this.controller.view;
    const tick = view.tick.bind(view);
    const tree = this.controller.tree;
    view.tick = (now: number) => {
      const before = tree.counters.nodesRendered;
      tick(now);
      this.tickRenders += tree.counters.nodesRendered - before;
    };
  }

  attach(transcript: Transcript): void {
    this.transcript = transcript;
    this.controller.attach(transcript);
  }

  counters(): StrategyCounters {
    const c = this.controller;
    return {
      nodesRendered: c.tree.counters.nodesRendered,
      rowsDrawn: c.view.counters.rowsDrawn,
      spansDrawn: c.view.counters.spansDrawn,
      bytesLexed: renderCounters.bytesLexed,
      ticks: c.loop.ticksDrawn,
      tickRenders: this.tickRenders,
      updates: c.loop.framesDrawn,
    };
  }

  /** petrel is always measured over the whole stream; suspending would detach it. */
  suspend(): void {
    this.transcript?.setListener(undefined);
  }

  resume(): void {
    if (this.transcript) this.controller.attach(this.transcript);
  }

  destroy(): void {
    this.controller.destroy();
  }
}
