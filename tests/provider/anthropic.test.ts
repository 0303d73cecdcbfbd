import { afterEach, describe, expect, test } from "bun:test";
import { AnthropicProvider, toAnthropicMessages } from "../../src/provider/anthropic.ts";
import type { HistoryMessage } from "../../src/provider/events.ts";
import { collect, fold, InstantClock, serve, serveDrop, sseResponse, type Served } from "./harness.ts";

const KEY = "sk-ant-test-abcdef0123456789";
let server: Served | undefined;
afterEach(() => server?.stop());

function ev(type: string, data: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

const usageStart = { input_tokens: 100, cache_read_input_tokens: 20, cache_creation_input_tokens: 0, output_tokens: 1 };

const recorded =
  ev("message_start", { message: { id: "msg_1", role: "assistant", content: [], usage: usageStart } }) +
  ev("content_block_start", { index: 0, content_block: { type: "thinking", thinking: "", signature: "" } }) +
  ev("content_block_delta", { index: 0, delta: { type: "thinking_delta", thinking: "Need the " } }) +
  "event: ping\ndata: {\"type\": \"ping\"}\n\n" +
  ev("content_block_delta", { index: 0, delta: { type: "thinking_delta", thinking: "file." } }) +
  ev("content_block_delta", { index: 0, delta: { type: "signature_delta", signature: "sig-" } }) +
  ev("content_block_delta", { index: 0, delta: { type: "signature_delta", signature: "123" } }) +
  ev("content_block_stop", { index: 0 }) +
  ev("content_block_start", { index: 1, content_block: { type: "text", text: "" } }) +
  ev("content_block_delta", { index: 1, delta: { type: "text_delta", text: "Let me " } }) +
  ev("content_block_delta", { index: 1, delta: { type: "text_delta", text: "check." } }) +
  ev("content_block_stop", { index: 1 }) +
  ev("content_block_start", { index: 2, content_block: { type: "tool_use", id: "toolu_1", name: "read_file", input: {} } }) +
  ev("content_block_delta", { index: 2, delta: { type: "input_json_delta", partial_json: "" } }) +
  ev("content_block_delta", { index: 2, delta: { type: "input_json_delta", partial_json: '{"path": "sr' } }) +
  ev("content_block_delta", { index: 2, delta: { type: "input_json_delta", partial_json: 'c/a.ts", "lines": [1, ' } }) +
  ev("content_block_delta", { index: 2, delta: { type: "input_json_delta", partial_json: "20]}" } }) +
  ev("content_block_stop", { index: 2 }) +
  ev("some_future_event", { anything: true }) +
  ev("message_delta", { delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 40 } }) +
  ev("message_delta", { delta: {}, usage: { output_tokens: 55 } }) +
  ev("message_stop", {});

function provider(url: string, extra: Partial<ConstructorParameters<typeof AnthropicProvider>[0]> = {}) {
  return new AnthropicProvider({ model: "claude-test", baseUrl: url, apiKey: KEY, timeoutMs: 2000, ...extra });
}

async function run(p: AnthropicProvider, history: HistoryMessage[] = [{ role: "user", content: "hi" }]) {
  return fold(await collect(p.stream({ history, signal: new AbortController().signal })));
}

describe("Anthropic stream", () => {
  test("thinking with signature, text, tool input as partial JSON parsed at block stop, cumulative usage", async () => {
    server = serve(() => sseResponse(recorded, { chunk: 9 }));
    const r = await run(provider(server.url));
    expect(r.reasoning).toBe("Need the file.");
    expect(r.signature).toBe("sig-123");
    expect(r.text).toBe("Let me check.");
    expect(r.toolCalls).toEqual([
      { id: "toolu_1", name: "read_file", arguments: { path: "src/a.ts", lines: [1, 20] }, argsText: '{"path": "src/a.ts", "lines": [1, 20]}' },
    ]);
    // message_delta usage is cumulative: the last one wins, it is not added up.
    expect(r.usage).toEqual({ inputTokens: 120, outputTokens: 55 });
    expect(r.finishReason).toBe("tool_use");
    expect(r.errors).toEqual([]);
    expect(r.notices).toEqual([]);
  });

  test("the request: endpoint, headers, max_tokens, history as alternating messages", async () => {
    server = serve(() => sseResponse(ev("message_start", { message: { usage: {} } }) + ev("message_stop", {})));
    await run(provider(server.url), [{ role: "user", content: "q" }]);
    const req = server.requests[0]!;
    expect(req.path).toBe("/v1/messages");
    expect(req.headers.get("x-api-key")).toBe(KEY);
    expect(req.headers.get("anthropic-version")).toBe("2023-06-01");
    expect(req.body).toMatchObject({ model: "claude-test", stream: true, messages: [{ role: "user", content: [{ type: "text", text: "q" }] }] });
    expect((req.body as { max_tokens: number }).max_tokens).toBeGreaterThan(0);
  });

  test("a system prompt goes in the request's system field", async () => {
    server = serve(() => sseResponse(ev("message_start", { message: { usage: {} } }) + ev("message_stop", {})));
    await run(provider(server.url, { system: "Be terse." }), [{ role: "user", content: "q" }]);
    expect(server.requests[0]!.body).toMatchObject({ system: "Be terse.", messages: [{ role: "user", content: [{ type: "text", text: "q" }] }] });
  });

  test("a thinking budget turns extended thinking on and leaves room for the answer", async () => {
    server = serve(() => sseResponse(ev("message_start", { message: { usage: {} } }) + ev("message_stop", {})));
    await run(provider(server.url), [{ role: "user", content: "q" }]);
    await run(provider(server.url, { thinkingBudget: 2048 }), [{ role: "user", content: "q" }]);
    const [off, on] = server.requests.map((r) => r.body as { thinking?: unknown; max_tokens: number });
    expect(off!.thinking).toBeUndefined();
    expect(on!.thinking).toEqual({ type: "enabled", budget_tokens: 2048 });
    expect(on!.max_tokens).toBe(off!.max_tokens + 2048);
  });

  test("history: thinking goes back with its signature, tool results merge into the next user message", () => {
    const history: HistoryMessage[] = [
      { role: "user", content: "go" },
      { role: "assistant", content: "", reasoning: "plan", reasoningSignature: "sig", toolCalls: [{ id: "t1", name: "ls", args: { dir: "." } }] },
      { role: "tool", toolCallId: "t1", name: "ls", content: "a b", isError: false },
      { role: "assistant", content: "Found a and b.", reasoning: "unsigned thoughts" },
      { role: "user", content: "thanks" },
    ];
    expect(toAnthropicMessages(history)).toEqual([
      { role: "user", content: [{ type: "text", text: "go" }] },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "plan", signature: "sig" },
          { type: "tool_use", id: "t1", name: "ls", input: { dir: "." } },
        ],
      },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "a b" }] },
      { role: "assistant", content: [{ type: "text", text: "Found a and b." }] },
      { role: "user", content: [{ type: "text", text: "thanks" }] },
    ]);
  });

  test("a tool_use with no arguments (only an empty partial_json) has {} as input", async () => {
    server = serve(() =>
      sseResponse(
        ev("message_start", { message: { usage: { input_tokens: 1, output_tokens: 1 } } }) +
          ev("content_block_start", { index: 0, content_block: { type: "tool_use", id: "t", name: "now", input: {} } }) +
          ev("content_block_delta", { index: 0, delta: { type: "input_json_delta", partial_json: "" } }) +
          ev("content_block_stop", { index: 0 }) +
          ev("message_delta", { delta: { stop_reason: "tool_use" }, usage: { output_tokens: 3 } }) +
          ev("message_stop", {}),
      ),
    );
    const r = await run(provider(server.url));
    expect(r.toolCalls.map((c) => c.arguments)).toEqual([{}]);
  });

  test("an error event mid-stream keeps the partial answer", async () => {
    const body =
      ev("message_start", { message: { usage: { input_tokens: 5, output_tokens: 1 } } }) +
      ev("content_block_start", { index: 0, content_block: { type: "text", text: "" } }) +
      ev("content_block_delta", { index: 0, delta: { type: "text_delta", text: "Half an" } }) +
      ev("error", { error: { details: null, type: "overloaded_error", message: "Overloaded" }, request_id: "req_1" });
    server = serve(() => sseResponse(body));
    const r = await run(provider(server.url));
    expect(r.text).toBe("Half an");
    expect(r.errors).toEqual(["Anthropic reported overloaded_error mid-stream: Overloaded"]);
    expect(r.finishReason).toBe("error");
  });

  test("529 overloaded is retried", async () => {
    server = serve((_r, n) =>
      n === 1
        ? new Response('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', { status: 529 })
        : sseResponse(recorded),
    );
    const clock = new InstantClock();
    const r = await run(provider(server.url, { clock }));
    expect(clock.sleeps).toEqual([1000]);
    expect(r.retries.length).toBe(1);
    expect(r.text).toBe("Let me check.");
  });

  test("403 names Anthropic-compatible server and asks to check the key", async () => {
    server = serve(() => new Response('{"type":"error","error":{"type":"permission_error","message":"no"}}', { status: 403 }));
    const r = await run(provider(server.url));
    expect(r.errors[0]).toContain("check your API key (ANTHROPIC_API_KEY");
    expect(r.errors[0]).toContain("Anthropic-compatible server");
  });

  test("a dropped connection keeps the text and ends open tool calls with what arrived", async () => {
    const sent =
      ev("message_start", { message: { usage: { input_tokens: 5, output_tokens: 1 } } }) +
      ev("content_block_start", { index: 0, content_block: { type: "text", text: "" } }) +
      ev("content_block_delta", { index: 0, delta: { type: "text_delta", text: "Before" } }) +
      ev("content_block_start", { index: 1, content_block: { type: "tool_use", id: "t", name: "x", input: {} } }) +
      ev("content_block_delta", { index: 1, delta: { type: "input_json_delta", partial_json: '{"a": ' } });
    server = serveDrop(sent);
    const r = await run(provider(server.url));
    expect(r.text).toBe("Before");
    expect(r.toolCalls).toEqual([{ id: "t", name: "x", arguments: '{"a": ', argsText: '{"a": ' }]);
    expect(r.errors[0]).toContain("lost mid-stream");
  });

  test("garbage lines are skipped and counted", async () => {
    const body = recorded.replace("event: ping", "data: {{{\n\nevent: ping");
    server = serve(() => sseResponse(body));
    const r = await run(provider(server.url));
    expect(r.text).toBe("Let me check.");
    expect(r.notices.length).toBe(1);
    expect(r.notices[0]).toContain("skipped 1 malformed line");
  });
});

describe("Anthropic faults", () => {
  const partial =
    ev("message_start", { message: { usage: { input_tokens: 5, output_tokens: 1 } } }) +
    ev("content_block_start", { index: 0, content_block: { type: "text", text: "" } }) +
    ev("content_block_delta", { index: 0, delta: { type: "text_delta", text: "So far" } });

  test("a byte-at-a-time drip yields the same result", async () => {
    server = serve(() => sseResponse(recorded, { chunk: 1 }));
    const r = await run(provider(server.url));
    expect(r.text).toBe("Let me check.");
    expect(r.toolCalls[0]!.arguments).toEqual({ path: "src/a.ts", lines: [1, 20] });
    expect(r.usage).toEqual({ inputTokens: 120, outputTokens: 55 });
  });

  test("429 with Retry-After, then success", async () => {
    server = serve((_r, n) => (n === 1 ? new Response("", { status: 429, headers: { "retry-after": "7" } }) : sseResponse(recorded)));
    const clock = new InstantClock();
    const r = await run(provider(server.url, { clock }));
    expect(r.retries.map((x) => x.retryInMs)).toEqual([7000]);
    expect(r.text).toBe("Let me check.");
  });

  test("500 until retries run out: an error naming the status", async () => {
    server = serve(() => new Response('{"type":"error","error":{"type":"api_error","message":"Internal server error"}}', { status: 500 }));
    const clock = new InstantClock();
    const r = await run(provider(server.url, { clock, retry: { retries: 2, baseMs: 10, maxMs: 100, maxRetryAfterMs: 1000 } }));
    expect(clock.sleeps).toEqual([10, 20]);
    expect(r.errors).toEqual([`the Anthropic-compatible server at ${new URL(server.url).host} is unavailable (500) and retries are used up: Internal server error`]);
  });

  test("a stall mid-stream ends in an error after the partial answer", async () => {
    server = serve(() => sseResponse(partial, { stallAfter: partial.length }));
    const r = await run(provider(server.url, { timeoutMs: 120 }));
    expect(r.text).toBe("So far");
    expect(r.errors[0]).toContain("sent nothing for 0.12 s");
    expect(r.finishReason).toBe("error");
  });

  test("404 names the model", async () => {
    server = serve(() => new Response('{"type":"error","error":{"type":"not_found_error","message":"model: claude-test"}}', { status: 404 }));
    const r = await run(provider(server.url));
    expect(r.errors[0]).toContain('does not know the model "claude-test" (404)');
  });
});
