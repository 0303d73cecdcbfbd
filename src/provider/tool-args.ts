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
