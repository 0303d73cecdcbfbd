import { afterEach, describe, expect, test } from "bun:test";
import type { AgentEvent, HistoryMessage } from "../../src/provider/events.ts";
import { OpenAiProvider, openAiUsage } from "../../src/provider/openai.ts";
import { collect, fold, InstantClock, serve, serveDrop, sseResponse, type Served, type StreamPlan } from "./harness.ts";

const KEY = "sk-test-0123456789abcdef";
let server: Served | undefined;
afterEach(() => server?.stop());

function sse(chunks: unknown[], done = true): string {
  return chunks.map((c) => `data: ${typeof c === "string" ? c : JSON.stringify(c)}\n\n`).join("") + (done ? "data: [DONE]\n\n" : "");
}

const delta = (d: Record<string, unknown>, finish: string | null = null) => ({
  id: "c1",
  object: "chat.completion.chunk",
  choices: [{ index: 0, delta: d, finish_reason: finish }],
  usage: null,
});

function provider(url: string, extra: Partial<ConstructorParameters<typeof OpenAiProvider>[0]> = {}) {
  return new OpenAiProvider({ model: "gpt-test", baseUrl: `${url}/v1`, apiKey: KEY, timeoutMs: 2000, ...extra });
}

async function run(p: OpenAiProvider, history: HistoryMessage[] = [{ role: "user", content: "hi" }]) {
  return fold(await collect(p.stream({ history, signal: new AbortController().signal })));
}

const recorded = sse([
  delta({ role: "assistant", content: "" }),
  delta({ reasoning_content: "Let me " }),
  delta({ reasoning_content: "look.", content: null }),
  delta({ content: "Reading " }),
  delta({ content: "the file." }),
  delta({ tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "read_file", arguments: "" } }] }),
  delta({ tool_calls: [{ index: 0, function: { arguments: '{"pa' } }] }),
  delta({ tool_calls: [{ index: 0, function: { arguments: 'th": "src/ma' } }] }),
  delta({ tool_calls: [{ index: 0, function: { arguments: 'in.ts"}' } }] }),
  delta({ tool_calls: [{ index: 1, id: "call_b", type: "function", function: { name: "search", arguments: '{"q":"x"}' } }] }),
  delta({}, "tool_calls"),
  { id: "c1", object: "chat.completion.chunk", choices: [], usage: { prompt_tokens: 12, completion_tokens: 30, total_tokens: 42 } },
]);

describe("OpenAI-compatible stream", () => {
  test("reasoning, text, streamed tool-call arguments, usage chunk with empty choices, [DONE]", async () => {
    server = serve(() => sseResponse(recorded, { chunk: 5 }));
    const r = await run(provider(server.url));
    expect(r.reasoning).toBe("Let me look.");
    expect(r.text).toBe("Reading the file.");
    expect(r.toolCalls).toEqual([
      { id: "call_a", name: "read_file", arguments: { path: "src/main.ts" }, argsText: '{"path": "src/main.ts"}' },
      { id: "call_b", name: "search", arguments: { q: "x" }, argsText: '{"q":"x"}' },
    ]);
    expect(r.usage).toEqual({ inputTokens: 12, outputTokens: 30 });
    expect(r.finishReason).toBe("tool_calls");
    expect(r.errors).toEqual([]);
  });

  test("the request carries the model, streaming options, key and the whole history", async () => {
    server = serve(() => sseResponse(sse([delta({ content: "ok" }, "stop")])));
    const history: HistoryMessage[] = [
      { role: "user", content: "read it" },
      { role: "assistant", content: "sure", reasoning: "hmm", toolCalls: [{ id: "c9", name: "read_file", args: { path: "a" } }] },
      { role: "tool", toolCallId: "c9", name: "read_file", content: "file text" },
      { role: "assistant", content: "done" },
      { role: "user", content: "again" },
    ];
    await run(provider(server.url), history);
    const req = server.requests[0]!;
    expect(req.path).toBe("/v1/chat/completions");
    expect(req.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(req.body).toEqual({
      model: "gpt-test",
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: "user", content: "read it" },
        {
          role: "assistant",
          content: "sure",
          tool_calls: [{ id: "c9", type: "function", function: { name: "read_file", arguments: '{"path":"a"}' } }],
        },
        { role: "tool", tool_call_id: "c9", content: "file text" },
        { role: "assistant", content: "done" },
        { role: "user", content: "again" },
      ],
    });
  });

  test("a system prompt goes first, as a system message", async () => {
    server = serve(() => sseResponse(sse([delta({ content: "ok" }, "stop")])));
    await run(provider(server.url, { system: "Be terse." }));
    expect((server.requests[0]!.body as { messages: unknown[] }).messages).toEqual([
      { role: "system", content: "Be terse." },
      { role: "user", content: "hi" },
    ]);
  });

  test("no key configured sends no Authorization header (local servers)", async () => {
    server = serve(() => sseResponse(sse([delta({ content: "ok" }, "stop")])));
    await run(provider(server.url, { apiKey: undefined }));
    expect(server.requests[0]!.headers.get("authorization")).toBeNull();
  });

  test("`reasoning` (vLLM, OpenRouter, Ollama) is read when reasoning_content is absent", async () => {
    server = serve(() =>
      sseResponse(sse([delta({ content: "", reasoning: "We" }), delta({ content: "", reasoning: " think" }), delta({ content: "A" }, "stop")])),
    );
    const r = await run(provider(server.url));
    expect(r.reasoning).toBe("We think");
    expect(r.text).toBe("A");
  });

  test("Ollama: parallel calls whole in one chunk each, all at index 0, split on a new id", async () => {
    server = serve(() =>
      sseResponse(
        sse([
          delta({ tool_calls: [{ index: 0, id: "call_1", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } }] }),
          delta({ tool_calls: [{ index: 0, id: "call_2", function: { name: "get_weather", arguments: '{"city":"Rome"}' } }] }),
          delta({}, "tool_calls"),
        ]),
      ),
    );
    const r = await run(provider(server.url));
    expect(r.toolCalls.map((c) => [c.id, c.name, c.arguments])).toEqual([
      ["call_1", "get_weather", { city: "Oslo" }],
      ["call_2", "get_weather", { city: "Rome" }],
    ]);
  });

  test("old Ollama: tool calls without an index, arguments as an object", async () => {
    server = serve(() =>
      sseResponse(
        sse([
          delta({ tool_calls: [{ id: "t1", function: { name: "a", arguments: { x: 1 } } }] }),
          delta({ tool_calls: [{ id: "t2", function: { name: "b", arguments: { y: 2 } } }] }),
          delta({}, "stop"),
        ]),
      ),
    );
    const r = await run(provider(server.url));
    expect(r.toolCalls.map((c) => [c.id, c.name, c.arguments])).toEqual([
      ["t1", "a", { x: 1 }],
      ["t2", "b", { y: 2 }],
    ]);
  });

  test("a call that arrives without an id gets a stable placeholder; unparsable arguments stay text", async () => {
    server = serve(() =>
      sseResponse(sse([delta({ tool_calls: [{ index: 0, function: { name: "x", arguments: "{not json" } }] }), delta({}, "tool_calls")])),
    );
    const r = await run(provider(server.url));
    expect(r.toolCalls).toEqual([{ id: "call_1", name: "x", arguments: "{not json", argsText: "{not json" }]);
  });

  test("arguments that arrive before the name are replayed once the call starts", async () => {
    server = serve(() =>
      sseResponse(
        sse([
          delta({ tool_calls: [{ index: 0, id: "c", function: { arguments: '{"a":' } }] }),
          delta({ tool_calls: [{ index: 0, function: { name: "late", arguments: "1}" } }] }),
          delta({}, "tool_calls"),
        ]),
      ),
    );
    const r = await run(provider(server.url));
    expect(r.toolCalls).toEqual([{ id: "c", name: "late", arguments: { a: 1 }, argsText: '{"a":1}' }]);
  });

  test("a long answer with no newline at all arrives as it streams", async () => {
    const pieces = Array.from({ length: 40 }, (_, i) => delta({ content: `word${i} ` }));
    // The server sends the deltas, then goes silent without ending the answer.
    server = serve(() => sseResponse(sse(pieces, false), { chunk: 60, delayMs: 1, stallAfter: sse(pieces, false).length }));
    const abort = new AbortController();
    let text = "";
    const seen: number[] = [];
    const p = provider(server.url, { timeoutMs: 10_000 });
    await expect(
      (async () => {
        for await (const e of p.stream({ history: [{ role: "user", content: "hi" }], signal: abort.signal })) {
          if (e.type === "text_delta") {
            text += e.text;
            seen.push(text.length);
            if (text.includes("word39")) abort.abort();
          }
        }
      })(),
    ).rejects.toThrow();
    expect(text).not.toContain("\n");
    expect(seen.length).toBeGreaterThan(10);
  });

  test("usage: xAI's completion tokens exclude reasoning, OpenAI's include it", () => {
    expect(openAiUsage({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 25, completion_tokens_details: { reasoning_tokens: 10 } })).toEqual({
      inputTokens: 10,
      outputTokens: 15,
      reasoningTokens: 10,
    });
    expect(openAiUsage({ prompt_tokens: 10, completion_tokens: 15, total_tokens: 25, completion_tokens_details: { reasoning_tokens: 10 } })).toEqual({
      inputTokens: 10,
      outputTokens: 15,
      reasoningTokens: 10,
    });
  });
});

describe("OpenAI-compatible faults", () => {
  const partial = sse([delta({ content: "Partial " }), delta({ content: "answer" })], false);

  test("a connection dropped mid-stream keeps the partial answer and ends in an error", async () => {
    server = serveDrop(partial);
    const r = await run(provider(server.url));
    expect(r.text).toBe("Partial answer");
    expect(r.errors).toEqual(["the connection to the server at " + new URL(server.url).host + " was lost mid-stream"]);
    expect(r.finishReason).toBe("error");
  });

  test("a stream that ends cleanly but early is an error, not a silent success", async () => {
    server = serve(() => sseResponse(partial));
    const r = await run(provider(server.url));
    expect(r.text).toBe("Partial answer");
    expect(r.errors[0]).toContain("ended before the answer was complete");
    expect(r.finishReason).toBe("error");
  });

  test("garbage lines are skipped and counted; the stream goes on", async () => {
    const body =
      sse([delta({ content: "A" })], false) +
      "data: {not json\n\ndata: 42\n\ndata: \x00\x01\n\n" +
      "garbage without a field\n\n" +
      sse([delta({ content: "B" }, "stop")]);
    server = serve(() => sseResponse(body, { chunk: 3 }));
    const r = await run(provider(server.url));
    expect(r.text).toBe("AB");
    expect(r.notices).toEqual([`skipped 3 malformed lines in the stream from the server at ${new URL(server.url).host}`]);
    expect(r.finishReason).toBe("stop");
  });

  test("a byte-at-a-time drip with pauses yields the same answer", async () => {
    server = serve(() => sseResponse(recorded, { chunk: 1, delayMs: 0 }));
    const r = await run(provider(server.url));
    expect(r.text).toBe("Reading the file.");
    expect(r.toolCalls.length).toBe(2);
  });

  test("429 with Retry-After in seconds: announced countdown, then success", async () => {
    server = serve((_req, n) =>
      n === 1
        ? new Response('{"error":{"message":"slow down"}}', { status: 429, headers: { "retry-after": "3" } })
        : sseResponse(sse([delta({ content: "ok" }, "stop")])),
    );
    const clock = new InstantClock();
    const r = await run(provider(server.url, { clock }));
    expect(r.retries).toEqual([{ message: `the server at ${new URL(server.url).host} is rate limiting requests; retry 1 of 4`, retryInMs: 3000 }]);
    expect(clock.sleeps).toEqual([3000]);
    expect(r.text).toBe("ok");
    expect(r.errors).toEqual([]);
  });

  test("Retry-After as an HTTP date", async () => {
    const clock = new InstantClock();
    // five seconds after the clock's (fixed, whole-second) now
    const at = new Date(clock.now() + 5000);
    server = serve((_req, n) =>
      n === 1 ? new Response("", { status: 503, headers: { "retry-after": at.toUTCString() } }) : sseResponse(sse([delta({ content: "ok" }, "stop")])),
    );
    const r = await run(provider(server.url, { clock }));
    expect(r.retries.length).toBe(1);
    expect(r.retries[0]!.retryInMs).toBe(5000);
    expect(clock.sleeps).toEqual([5000]);
    expect(r.text).toBe("ok");
  });

  test("500 on every try: exponential backoff, then an error naming the status", async () => {
    server = serve(() => new Response('{"error":{"message":"internal"}}', { status: 500, statusText: "Internal Server Error" }));
    const clock = new InstantClock();
    const r = await run(provider(server.url, { clock, retry: { retries: 3, baseMs: 100, maxMs: 250, maxRetryAfterMs: 1000 } }));
    expect(clock.sleeps).toEqual([100, 200, 250]);
    expect(r.retries.map((x) => x.retryInMs)).toEqual([100, 200, 250]);
    expect(r.errors).toEqual([`the server at ${new URL(server.url).host} is unavailable (500) and retries are used up: internal`]);
    expect(r.finishReason).toBe("error");
    expect(server.requests.length).toBe(4);
  });

  test("a Retry-After longer than the policy allows is not waited for", async () => {
    server = serve(() => new Response("", { status: 429, headers: { "retry-after": "86400" } }));
    const clock = new InstantClock();
    const r = await run(provider(server.url, { clock }));
    expect(clock.sleeps).toEqual([]);
    expect(r.errors.length).toBe(1);
  });

  test("a server silent for the timeout, mid-stream, ends in an error after the partial answer", async () => {
    server = serve(() => sseResponse(partial, { stallAfter: partial.length }));
    const r = await run(provider(server.url, { timeoutMs: 150 }));
    expect(r.text).toBe("Partial answer");
    expect(r.errors).toEqual([
      `the server at ${new URL(server.url).host} sent nothing for 0.15 s, so petrel gave up (raise --timeout to wait longer)`,
    ]);
  });

  test("a server that never answers the request times out too", async () => {
    server = serve(() => new Promise<Response>(() => {}));
    const r = await run(provider(server.url, { timeoutMs: 100 }));
    expect(r.errors[0]).toContain("sent nothing for 0.1 s");
    expect(r.finishReason).toBe("error");
  });

  test("connection refused", async () => {
    const r = await run(new OpenAiProvider({ model: "m", baseUrl: "http://127.0.0.1:9/v1", timeoutMs: 2000 }));
    expect(r.errors).toEqual(["could not connect to the server at 127.0.0.1:9: connection refused"]);
  });

  test("401: check your API key, the provider named, the key never echoed", async () => {
    server = serve(() => new Response(JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}` } }), { status: 401 }));
    const r = await run(provider(server.url));
    expect(r.errors.length).toBe(1);
    expect(r.errors[0]).toContain("check your API key");
    expect(r.errors[0]).toContain(`the server at ${new URL(server.url).host}`);
    expect(JSON.stringify(r)).not.toContain(KEY);
  });

  test("the default base URL is named OpenAI in messages", async () => {
    const { OPENAI_DEFAULT_BASE_URL } = await import("../../src/provider/openai.ts");
    expect(OPENAI_DEFAULT_BASE_URL).toBe("https://api.openai.com/v1");
  });

  test("404: unknown model, named", async () => {
    server = serve(() => new Response(JSON.stringify({ error: { message: "The model `gpt-test` does not exist" } }), { status: 404 }));
    const r = await run(provider(server.url));
    expect(r.errors[0]).toStartWith(`the server at ${new URL(server.url).host} does not know the model "gpt-test" (404)`);
  });

  test("other statuses carry the server's own message, secrets redacted", async () => {
    server = serve(() => new Response(JSON.stringify({ error: { message: `context too long for ${KEY}` } }), { status: 400 }));
    const r = await run(provider(server.url));
    expect(r.errors).toEqual([`the server at ${new URL(server.url).host} rejected the request (400): context too long for [redacted]`]);
  });

  test("an error object mid-stream keeps the partial answer", async () => {
    server = serve(() => sseResponse(partial + sse([{ error: { message: "upstream overloaded", code: 502 } }], false)));
    const r = await run(provider(server.url));
    expect(r.text).toBe("Partial answer");
    expect(r.errors).toEqual(["the server reported an error mid-stream: upstream overloaded"]);
    expect(r.finishReason).toBe("error");
  });

  test("cancelling aborts the request promptly", async () => {
    server = serve(() => sseResponse(partial, { stallAfter: partial.length }));
    const abort = new AbortController();
    const events: AgentEvent[] = [];
    // the stall timeout is longer than the test's, so only a prompt abort lets this pass
    const p = provider(server.url, { timeoutMs: 10_000 });
    await expect(
      (async () => {
        for await (const e of p.stream({ history: [], signal: abort.signal })) {
          events.push(e);
          if (e.type === "text_delta" && e.text === "answer") abort.abort();
        }
      })(),
    ).rejects.toThrow();
  });

  test("plans compose: 7-byte pieces with pauses", async () => {
    const plan: StreamPlan = { chunk: 7, delayMs: 1 };
    server = serve(() => sseResponse(recorded, plan));
    expect((await run(provider(server.url))).text).toBe("Reading the file.");
  });
});
