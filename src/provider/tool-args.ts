/** Reading the JSON the HTTP providers' decoders receive. */

/** `value` when it is a JSON object (not null, not an array), else undefined. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A token count from a usage object: the number, or 0 for anything missing or not finite. */
export function tokenCount(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

/**
 * A tool call's complete argument text as the value events carry: the parsed JSON,
 * `{}` for no arguments at all (servers send "" for argument-less calls), or the raw
 * text when it is not valid JSON, so nothing the model produced is lost.
 */
export function parseToolArgs(text: string): unknown {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
