import type { Span, Style } from "../render/style.ts";
import { span } from "../render/text.ts";
import type { Theme } from "../render/theme.ts";
import { decoration } from "./gutter.ts";
import type { Overlay } from "./node.ts";

/** A glyph or indent that is not content: left out when the user copies text. */
export function decor(text: string, style: Style): Span {
  return decoration(span(text, style));
}

/** "12s", "1m 05s": how long something took or has been running. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return `${m}m ${String(s % 60).padStart(2, "0")}s`;
}

const SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

/**
 * How long a spinner shows each glyph, and so how often animation ticks. In a real
 * terminal a tick costs about what an OpenTUI frame costs (~1.7 ms), so this period is
 * what an animating screen's CPU scales with: 10 Hz kept a spinner under 2% of a core.
 */
export const SPINNER_FRAME_MS = 100;

/** The spinner frame for a moment in time, so every spinner on screen turns together. */
export function spinnerFrame(now: number): string {
  return SPINNER[Math.floor(now / SPINNER_FRAME_MS) % SPINNER.length]!;
}

/** Cells a live header keeps free at its right end for the elapsed-time clock. */
export const CLOCK_WIDTH = 8;

/** A running block's spinner at the start of its header row and its clock at the end. */
export function spinnerAndClock(rowWidth: number, startedAt: number, now: number, spinnerStyle: Style, theme: Theme): Overlay[] {
  return [
    { row: 0, col: 0, text: spinnerFrame(now), style: spinnerStyle },
    { row: 0, col: Math.max(0, rowWidth - CLOCK_WIDTH), text: formatElapsed(now - startedAt).padStart(CLOCK_WIDTH - 1) + " ", style: theme.ui.muted },
  ];
}
