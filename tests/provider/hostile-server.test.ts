/**
 * Servers that misbehave on purpose: an endless line, errors quoting the key, redirects
 * to another origin, waits longer than petrel accepts, answers that are not streamed,
 * blocks started twice, timeouts past what a timer holds. Both providers, real HTTP.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { AnthropicProvider } from "../../src/provider/anthropic.ts";
import type { HttpProviderOptions } from "../../src/provider/http.ts";
import { OpenAiProvider } from "../../src/provider/openai.ts";
import { SseParser, SseTooLarge } from "../../src/provider/sse.ts";
import { Transcript } from "../../src/session/transcript.ts";
import { collect, fold, InstantClock, serve, sseResponse, type Served } from "./harness.ts";

const KEY = "sk-hostile-0123456789abcdefXYZ";
const servers: Served[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.stop();
});
function start(handler: Parameters<typeof serve>[0]): Served {
  const s = serve(handler);
  servers.push(s);
  return s;
}

type Make = (options: HttpProviderOptions) => OpenAiProvider | AnthropicProvider;
const PROVIDERS: { name: string; make: Make; text: (t: string) => string; end: string; error: (m: string) => string }[] = [
  {
    name: "openai",
    make: (o) => new OpenAiProvider(o),
    text: (t) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: t } }] })}\n\n`,
    end: `data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\ndata: [DONE]\n\n`,
    error: (m) => `data: ${JSON.stringify({ error: { message: m } })}\n\n`,
  },
  {
    name: "anthropic",
    make: (o) => new AnthropicProvider(o),
    text: (t) =>
      `event: content_block_delta\ndata: ${JSON.stringify({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text: t } })}\n\n`,
    end: `event: message_stop\ndata: {"type":"message_stop"}\n\n`,
    error: (m) => `event: error\ndata: ${JSON.stringify({ type: "error", error: { type: "overloaded_error", message: m } })}\n\n`,
  },
];

function run(make: Make, url: string, extra: Partial<HttpProviderOptions> = {}) {
  const p = make({ model: "m", baseUrl: url, apiKey: KEY, timeoutMs: 5000, clock: new InstantClock(), ...extra });
  return collect(p.stream({ history: [{ role: "user", content: "hi" }], signal: new AbortController().signal })).then(
    (events) => ({ events, folded: fold(events) }),
  );
}

describe("one SSE line or event has a ceiling", () => {
  test("the parser refuses a line past the limit, after dispatching what came before", () => {
    const seen: string[] = [];
    const parser = new SseParser((e) => seen.push(e.data), 64);
    expect(() => parser.push(`data: ok\n\ndata: ${"x".repeat(40)}`)).not.toThrow();
    expect(() => parser.push("y".repeat(40))).toThrow(SseTooLarge);
    expect(seen).toEqual(["ok"]);
  });

  test("an event of many short data lines counts as a whole", () => {
    const parser = new SseParser(() => {}, 64);
    expect(() => parser.push("data: 0123456789\n".repeat(10))).toThrow(SseTooLarge);
  });

  for (const p of PROVIDERS)
    test(`${p.name}: a line that never ends stops at 16 MB with an error, the answer so far kept`, async () => {
      const head = new TextEncoder().encode(p.text("kept "));
      const endless = new Uint8Array(17 * 1024 * 1024).fill(0x61);
      const body = new Uint8Array(head.length + endless.length);
      body.set(head);
      body.set(endless, head.length);
      const server = start(() => sseResponse(body, { chunk: 1024 * 1024 }));
      const { folded } = await run(p.make, server.url);
      expect(folded.text).toBe("kept ");
      expect(folded.errors).toHaveLength(1);
      expect(folded.errors[0]).toContain("larger than 16 MB");
      expect(folded.errors[0]).toContain("kept the answer so far");
      expect(folded.finishReason).toBe("error");
    });
});

describe("the key never appears in what petrel says", () => {
  for (const p of PROVIDERS) {
    test(`${p.name}: an error event inside the stream is redacted`, async () => {
      const server = start(() => sseResponse(p.text("partial") + p.error(`invalid key ${KEY} for this org`)));
      const { events, folded } = await run(p.make, server.url);
      expect(folded.text).toBe("partial");
      expect(folded.errors).toHaveLength(1);
      expect(folded.errors[0]).toContain("invalid key [redacted] for this org");
      expect(JSON.stringify(events)).not.toContain(KEY.slice(0, 12));
    });

    test(`${p.name}: a key that the 300-character clip would cut is still redacted`, async () => {
      // The key straddles character 300 of the message: clipping first would leave most of it.
      const message = `${"x".repeat(300 - 10)} ${KEY} tail`;
      const server = start(() => new Response(JSON.stringify({ error: { message } }), { status: 400 }));
      const { events } = await run(p.make, server.url);
      expect(JSON.stringify(events)).not.toContain(KEY.slice(0, 8));
    });

    test(`${p.name}: a redirect to another origin is refused and the other server gets nothing`, async () => {
      const elsewhere = start(() => sseResponse(p.text("stolen") + p.end));
      const origin = start(() => new Response(null, { status: 307, headers: { location: `${elsewhere.url}/v1/x` } }));
      const { folded } = await run(p.make, origin.url);
      expect(elsewhere.requests).toHaveLength(0);
      expect(folded.text).toBe("");
      expect(folded.errors[0]).toContain(`redirected the request to ${new URL(elsewhere.url).host}, another server`);
      expect(folded.errors[0]).toContain("your API key is not sent there");
    });

    test(`${p.name}: a redirect within the origin is followed with the same request`, async () => {
      const server = start((req) =>
        new URL(req.url).pathname.startsWith("/moved")
          ? sseResponse(p.text("here") + p.end)
          : new Response(null, { status: 308, headers: { location: "/moved" } }),
      );
      const { folded } = await run(p.make, server.url);
      expect(folded.text).toBe("here");
      expect(server.requests.map((r) => r.path)).toEqual([expect.not.stringContaining("/moved"), "/moved"]);
      const key = server.requests[1]!.headers.get("authorization") ?? server.requests[1]!.headers.get("x-api-key");
      expect(key).toContain(KEY);
    });
  }
});

describe("waits and answers petrel does not expect", () => {
  for (const p of PROVIDERS) {
    test(`${p.name}: a Retry-After past the limit says how long the server asked to wait`, async () => {
      const server = start(() => new Response("", { status: 429, headers: { "retry-after": "600" } }));
      const { folded } = await run(p.make, server.url, { retry: { retries: 3, baseMs: 1, maxMs: 1, maxRetryAfterMs: 60_000 } });
      expect(folded.errors).toHaveLength(1);
      expect(folded.errors[0]).toContain("asked to wait 600 s before retrying, longer than petrel waits (60 s)");
      expect(folded.errors[0]).not.toContain("retries are used up");
    });

    test(`${p.name}: a timeout longer than a timer holds waits instead of giving up at once`, async () => {
      const server = start(async () => {
        await Bun.sleep(30);
        return sseResponse(p.text("slow but fine") + p.end);
      });
      const { folded } = await run(p.make, server.url, { timeoutMs: 3_000_000_000 });
      expect(folded.errors).toEqual([]);
      expect(folded.text).toBe("slow but fine");
    });
  }

  test("openai: a plain JSON completion is shown whole, with a notice", async () => {
    const completion = {
      choices: [{ index: 0, message: { role: "assistant", content: "Whole answer." }, finish_reason: "stop" }],
      usage: { prompt_tokens: 3, completion_tokens: 2 },
    };
    const server = start(() => Response.json(completion));
    const { folded } = await run(PROVIDERS[0]!.make, server.url);
    expect(folded.text).toBe("Whole answer.");
    expect(folded.usage).toEqual({ inputTokens: 3, outputTokens: 2 });
    expect(folded.notices).toEqual([expect.stringContaining("did not stream its answer")]);
    expect(folded.finishReason).toBe("stop");
  });

  test("anthropic: a plain JSON message is shown whole, tool input included", async () => {
    const message = {
      type: "message",
      content: [
        { type: "text", text: "Reading." },
        { type: "tool_use", id: "toolu_9", name: "read", input: { path: "a" } },
      ],
      stop_reason: "tool_use",
      usage: { input_tokens: 5, output_tokens: 7 },
    };
    const server = start(() => Response.json(message));
    const { folded } = await run(PROVIDERS[1]!.make, server.url);
    expect(folded.text).toBe("Reading.");
    expect(folded.toolCalls).toEqual([{ id: "toolu_9", name: "read", arguments: { path: "a" }, argsText: "" }]);
    expect(folded.notices).toEqual([expect.stringContaining("did not stream its answer")]);
    expect(folded.finishReason).toBe("tool_use");
  });

  test("a JSON error body with status 200 is the error, redacted", async () => {
    const server = start(() => Response.json({ error: { message: `bad key ${KEY}` } }));
    const { folded } = await run(PROVIDERS[0]!.make, server.url);
    expect(folded.errors).toEqual([expect.stringContaining("bad key [redacted]")]);
    expect(folded.finishReason).toBe("error");
  });
});

describe("a block started twice", () => {
  const ev = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const twice =
    ev("content_block_start", { index: 0, content_block: { type: "tool_use", id: "toolu_1", name: "bash", input: {} } }) +
    ev("content_block_start", { index: 0, content_block: { type: "tool_use", id: "toolu_1", name: "bash", input: {} } }) +
    ev("content_block_delta", { index: 0, delta: { type: "input_json_delta", partial_json: '{"cmd":"ls"}' } }) +
    ev("content_block_stop", { index: 0 }) +
    ev("message_delta", { delta: { stop_reason: "tool_use" } }) +
    ev("message_stop", {});

  test("gets a call id of its own, and every tool block of the turn ends with it", async () => {
    const server = start(() => sseResponse(twice));
    const { events, folded } = await run(PROVIDERS[1]!.make, server.url);
    expect(folded.toolCalls.map((c) => c.id)).toEqual(["toolu_1", "toolu_1_2"]);
    const transcript = new Transcript();
    for (const e of events) transcript.apply(e, 0);
    const tools = transcript.blocks.filter((b) => b.kind === "tool");
    expect(tools).toHaveLength(2);
    for (const t of tools) expect(t.kind === "tool" && (t.status === "pending" || t.status === "running")).toBe(false);
  });
});
