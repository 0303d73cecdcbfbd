/** The status line's built-in segments: model, tokens, what is happening, a transient hint, and --stats. */
import type { Usage } from "../../provider/events.ts";
import { statsText, type StatsFigures } from "../frame-stats.ts";
import type { StatusSegment } from "./status-line.ts";
import { compactTokens } from "./usage-figures.ts";

/** What the segments read from the session. */
export interface StatusSource {
  readonly provider: { name: string; model: string };
  readonly usage: Usage;
  readonly running: boolean;
  /** Prompts waiting for the running turn. */
  readonly queued: number;
}

export function modelSegment(session: StatusSource): StatusSegment {
  return { side: "left", priority: 50, text: () => `${session.provider.name} · ${session.provider.model}` };
}

export function usageSegment(session: StatusSource): StatusSegment {
  return {
    side: "left",
    priority: 30,
    text: () => `↑${compactTokens(session.usage.inputTokens)} ↓${compactTokens(session.usage.outputTokens)}`,
  };
}

/** Prompts typed during a turn wait for it; saying so keeps them from looking lost. */
export function queueSegment(session: StatusSource): StatusSegment {
  return { side: "left", priority: 55, text: () => (session.queued > 0 ? `${session.queued} queued` : null) };
}

/** "ready", or the running turn's clock; it ticks once a second while a turn runs and never when idle. */
export class ActivitySegment implements StatusSegment {
  readonly side = "left";
  readonly priority = 60;
  private since: number | null = null;

  constructor(private readonly session: StatusSource) {}

  /** A turn ended: the next one's clock starts from zero, even when it starts in the same moment. */
  turnEnded(): void {
    this.since = null;
  }

  text(now: number): string {
    if (!this.session.running) {
      this.since = null;
      return "ready";
    }
    this.since ??= now;
    return `streaming ${Math.floor((now - this.since) / 1000)}s · Esc to cancel`;
  }

  nextChange(now: number): number | null {
    if (this.since === null || !this.session.running) return null;
    return this.since + (Math.floor((now - this.since) / 1000) + 1) * 1000;
  }
}

/** A short-lived message ("Press Ctrl+C again to quit") that outranks everything else. */
export class HintSegment implements StatusSegment {
  readonly side = "right";
  readonly priority = 100;
  private hint: { text: string; until: number } | null = null;

  constructor(private readonly showMs: number) {}

  flash(text: string, now: number): void {
    this.hint = { text, until: now + this.showMs };
  }

  text(now: number): string | null {
    if (this.hint && now >= this.hint.until) this.hint = null;
    return this.hint?.text ?? null;
  }

  nextChange(): number | null {
    return this.hint?.until ?? null;
  }
}

/** --stats and /stats: the frame and memory figures, right-aligned, giving way to a hint. */
export class StatsSegment implements StatusSegment {
  readonly side = "right";
  readonly priority = 10;

  constructor(
    public enabled: boolean,
    private readonly figures: (now: number) => StatsFigures,
    private readonly hint: HintSegment,
  ) {}

  text(now: number): string | null {
    if (!this.enabled || this.hint.text(now) !== null) return null;
    return statsText(this.figures(now));
  }
}
