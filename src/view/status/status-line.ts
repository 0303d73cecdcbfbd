import { TextRenderable, type RenderContext, type RGBA } from "@opentui/core";
import type { Timers } from "../frame-loop.ts";

/**
 * One piece of the status line. Segments are asked for their text on every refresh
 * (after each frame, on session state changes, on a flash), so `text` must be cheap.
 */
export interface StatusSegment {
  readonly side: "left" | "right";
  /** When the line is too narrow, the lowest priority is dropped first. */
  readonly priority: number;
  /** What to show now, or null to show nothing. */
  text(now: number): string | null;
  /** When this segment's text next changes on its own (a clock, a hint expiring); null when only events change it. */
  nextChange?(now: number): number | null;
}

const GAP = "  ";

/**
 * Left segments from the left, right segments against the right edge, two spaces
 * between any two. What does not fit loses its lowest-priority segments; a single one
 * still too wide is cut.
 */
export function layoutStatus(parts: readonly { side: "left" | "right"; priority: number; text: string }[], width: number): string {
  let shown = [...parts];
  const line = () => {
    const left = shown.filter((p) => p.side === "left").map((p) => p.text).join(GAP);
    const right = shown.filter((p) => p.side === "right").map((p) => p.text).join(GAP);
    if (right === "") return left;
    if (left === "") return " ".repeat(Math.max(0, width - Bun.stringWidth(right))) + right;
    const gap = width - Bun.stringWidth(left) - Bun.stringWidth(right);
    return left + " ".repeat(Math.max(GAP.length, gap)) + right;
  };
  while (shown.length > 1 && Bun.stringWidth(line()) > width) {
    const lowest = shown.reduce((a, b) => (b.priority < a.priority ? b : a));
    shown = shown.filter((p) => p !== lowest);
  }
  const text = line();
  return Bun.stringWidth(text) > width ? text.slice(0, Math.max(0, width)) : text;
}

/** The one-line status under the composer: its segments laid out, redrawn only when the text changes. */
export class StatusLine extends TextRenderable {
  private readonly segments: StatusSegment[] = [];
  private shownText = "";
  private timer: unknown = null;
  private timerAt = Infinity;

  constructor(
    ctx: RenderContext,
    private readonly timers: Timers,
    fg: RGBA,
  ) {
    super(ctx, { width: "100%", height: 1, flexShrink: 0, fg });
  }

  /** Adds a segment; on each side segments show in the order they were added. */
  addSegment(segment: StatusSegment): void {
    this.segments.push(segment);
  }

  get text(): string {
    return this.shownText;
  }

  refresh(): void {
    if (this.isDestroyed) return;
    const now = this.timers.now();
    const parts = [];
    let next = Infinity;
    for (const s of this.segments) {
      const text = s.text(now);
      if (text !== null && text !== "") parts.push({ side: s.side, priority: s.priority, text });
      next = Math.min(next, s.nextChange?.(now) ?? Infinity);
    }
    const text = layoutStatus(parts, this.ctx.width);
    if (text !== this.shownText) {
      this.shownText = text;
      this.content = text;
    }
    this.armFor(next, now);
  }

  /** One timer, for the earliest change a segment expects; none when nothing changes by itself. */
  private armFor(at: number, now: number): void {
    if (at === Infinity || at >= this.timerAt) return;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timerAt = at;
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.refresh();
    }, Math.max(0, at - now));
  }

  protected override destroySelf(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    super.destroySelf();
  }
}
