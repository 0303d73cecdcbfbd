/**
 * The 16 streams captured from real providers (../shared/fixtures/real-streams),
 * served over loopback HTTP whole, in odd-sized pieces and a byte at a time: each
 * must yield exactly the manifest's text, reasoning, tool calls, usage and finish reason.
 */
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { AnthropicProvider } from "../../src/provider/anthropic.ts";
import { OpenAiProvider } from "../../src/provider/openai.ts";
import type { Provider, Usage } from "../../src/provider/events.ts";
import { collect, fold, serve, sseResponse, type StreamPlan } from "./harness.ts";

/** Read in place from the shared folder beside the project (never copied into it). */
const DIR = process.env.PETREL_REAL_STREAMS ?? join(import.meta.dir, "../../../shared/fixtures/real-streams");

interface Entry {
  file: string;
  protocol: "openai-chat" | "anthropic-messages";
  expected: {
    text: string;
    reasoning: string;
    toolCalls: { id: string; name: string; arguments: unknown }[];
    usage: Record<string, unknown>;
    finishReason: string;
  };
}

const manifestFile = Bun.file(join(DIR, "manifest.json"));
const found = await manifestFile.exists();
// CI names the folder and needs the streams; a fresh clone without shared/ beside it says so and runs the rest
if (!found && process.env.PETREL_REAL_STREAMS !== undefined)
  throw new Error(`PETREL_REAL_STREAMS=${DIR} holds no manifest.json of recorded real-provider streams`);
if (!found)
  console.warn(`skipped: the real-provider stream tests (no recorded streams at ${DIR}; set PETREL_REAL_STREAMS to their folder)`);
const manifest = found ? ((await manifestFile.json()) as { files: Entry[] }) : { files: [] };

/**
 * The manifest keeps each provider's raw usage; petrel reports input = the whole
 * prompt (Anthropic's cached tokens added back) and output = completion including
 * reasoning (xAI's completion_tokens leaves reasoning out: its total says so).
 */
function expectedUsage(entry: Entry): Usage {
  const u = entry.expected.usage as Record<string, number> & { completion_tokens_details?: { reasoning_tokens?: number } };
  if (entry.protocol === "anthropic-messages")
    return {
      inputTokens: u.input_tokens! + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0),
      outputTokens: u.output_tokens!,
    };
  const reasoning = u.completion_tokens_details?.reasoning_tokens ?? 0;
  const usage: Usage = {
    inputTokens: u.prompt_tokens!,
    outputTokens: entry.file === "openai-xai-tool-call.sse" ? u.completion_tokens! + reasoning : u.completion_tokens!,
  };
  if (reasoning > 0) usage.reasoningTokens = reasoning;
  return usage;
}

function provider(entry: Entry, url: string): Provider {
  const options = { model: "fixture-model", baseUrl: url, apiKey: "sk-test-fixture", timeoutMs: 5000 };
  return entry.protocol === "openai-chat" ? new OpenAiProvider(options) : new AnthropicProvider(options);
}

const plans: [string, (size: number) => StreamPlan][] = [
  ["whole", () => ({})],
  ["13-byte pieces", () => ({ chunk: 13 })],
  ["byte at a time", (size) => ({ chunk: size > 20_000 ? 3 : 1 })],
];

test.skipIf(!found)("the manifest lists 16 streams", () => {
  expect(manifest.files.length).toBe(16);
});

describe.each(manifest.files.map((e) => [e.file, e] as const))("%s", (_name, entry) => {
  test.each(plans)("%s", async (_plan, plan) => {
    const bytes = new Uint8Array(await Bun.file(join(DIR, entry.file)).arrayBuffer());
    const server = serve(() => sseResponse(bytes, plan(bytes.length)));
    try {
      const events = await collect(
        provider(entry, server.url).stream({ history: [{ role: "user", content: "hi" }], signal: new AbortController().signal }),
      );
      const r = fold(events);
      expect(r.errors).toEqual([]);
      expect(r.notices).toEqual([]);
      expect(r.text).toBe(entry.expected.text);
      expect(r.reasoning).toBe(entry.expected.reasoning);
      expect(r.toolCalls.map(({ id, name, arguments: args }) => ({ id, name, arguments: args }))).toEqual(
        entry.expected.toolCalls,
      );
      expect(r.usage).toEqual(expectedUsage(entry));
      expect(r.finishReason).toBe(entry.expected.finishReason);
    } finally {
      server.stop();
    }
  });
});
