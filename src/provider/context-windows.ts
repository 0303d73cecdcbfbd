/**
 * Context windows of well-known models, in tokens, for the status line's "context used"
 * figure. Matched by the longest prefix of the model id, after any "vendor/" part that
 * routers such as OpenRouter put in front. Unknown models have no window: the status
 * line then shows tokens only, unless config.toml sets `context_window`.
 */
const WINDOWS: [prefix: string, tokens: number][] = [
  ["gpt-3.5-turbo", 16_385],
  ["gpt-4", 8_192],
  ["gpt-4-turbo", 128_000],
  ["gpt-4o", 128_000],
  ["gpt-4.1", 1_047_576],
  ["gpt-5", 400_000],
  ["o1", 200_000],
  ["o3", 200_000],
  ["o4-mini", 200_000],
  ["claude-", 200_000],
  ["gemini-1.5-pro", 2_097_152],
  ["gemini-1.5-flash", 1_048_576],
  ["gemini-2", 1_048_576],
  ["deepseek-chat", 128_000],
  ["deepseek-reasoner", 128_000],
  ["llama3.1", 131_072],
  ["llama3.2", 131_072],
  ["llama3.3", 131_072],
  ["mistral-large", 128_000],
];

export function knownContextWindow(model: string): number | undefined {
  const id = model.slice(model.lastIndexOf("/") + 1).toLowerCase();
  let best: [string, number] | undefined;
  for (const entry of WINDOWS) if (id.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  return best?.[1];
}
