/**
 * The status line's money and memory of the model: how much of the context window the
 * conversation fills, and what the turn cost when prices are configured. Pure text.
 */
import type { ModelFigures, Prices } from "../../config/model-figures.ts";
import type { Usage } from "../../provider/events.ts";
import type { StatusSegment } from "./status-line.ts";

/** What the figures read from the session. */
export interface UsageSource {
  readonly provider: { model: string };
  readonly usage: Usage;
  readonly turnUsage: Usage;
}

/** How full the context is; shown while there is room, dropped before the model name. */
export function contextSegment(session: UsageSource, figures: ModelFigures): StatusSegment {
  return { side: "left", priority: 40, text: () => contextText(session.turnUsage, figures.contextWindow(session.provider.model)) };
}

/** The turn's and the session's cost, only when config.toml gives prices. */
export function costSegment(session: UsageSource, figures: ModelFigures): StatusSegment {
  return { side: "left", priority: 20, text: () => costText(session.turnUsage, session.usage, figures.prices) };
}

/**
 * "ctx 12.4k/200k 6%": the last request's prompt plus what the model wrote back is what
 * the next request starts from. Without a known window, the tokens alone.
 */
export function contextText(last: Usage, window: number | undefined): string | null {
  const used = last.inputTokens + last.outputTokens;
  if (used === 0) return null;
  if (!window) return `ctx ${compactTokens(used)}`;
  return `ctx ${compactTokens(used)}/${compactTokens(window)} ${Math.min(999, Math.round((used / window) * 100))}%`;
}

export function cost(usage: Usage, prices: Prices): number {
  return (usage.inputTokens * prices.input + usage.outputTokens * prices.output) / 1_000_000;
}

/** "$0.0123 turn · $0.41 total": the running or last turn, then the session so far. */
export function costText(turn: Usage, total: Usage, prices: Prices | undefined): string | null {
  if (!prices) return null;
  return `${dollars(cost(turn, prices))} turn · ${dollars(cost(total, prices))} total`;
}

function dollars(usd: number): string {
  if (usd === 0) return "$0";
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  if (usd < 10) return `$${usd.toFixed(3)}`;
  return `$${usd.toFixed(2)}`;
}

/** Token counts the way the status line writes them: 950, 12.4k, 128k, 1.05M. */
export function compactTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${Number((n / 1000).toFixed(n < 10_000 ? 1 : 0))}k`;
  return `${Number((n / 1_000_000).toFixed(n < 10_000_000 ? 2 : 1))}M`;
}
