/**
 * Compaction against a real OpenAI-compatible server on 127.0.0.1 that reports usage and
 * refuses requests past a length: by command, automatically, after a refusal, and resumed.
 * The assertions are on the exact request bodies the server received.
 */
import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OpenAiProvider } from "../../src/provider/openai.ts";
import { compactionPrompt, stubOldToolResults, summaryMessage } from "../../src/session/compaction.ts";
import { Session, type SessionOptions } from "../../src/session/session.ts";
import { SessionStore } from "../../src/session/store.ts";
import { serve, sseResponse, type Served } from "../provider/harness.ts";

interface Msg {
  role: string;
  content: string;
}

/** Answers "answer N" to prompts and "SUMMARY of N messages" to compaction requests; refuses bodies over `limit` characters. */
function fakeServer(limit = Infinity): Served {
  return serve((_req, n) => {
    const body = server.requests[n - 1]!.body as { messages: Msg[] };
    if (JSON.stringify(body.messages).length > limit)
      return Response.json(
        { error: { message: `This model's maximum context length is ${limit} tokens. However, your messages resulted in more.`, code: "context_length_exceeded" } },
        { status: 400 },
      );
    const last = body.messages.at(-1)!.content;
    const text = last.startsWith("Summarize our conversation") ? `SUMMARY of ${body.messages.length - 1} messages` : `answer ${n}`;
    const chunks = [
      { choices: [{ index: 0, delta: { content: text }, finish_reason: null }] },
      { choices: [{ index: 0, delta: {}, finish_reason: "stop" }] },
      { choices: [], usage: { prompt_tokens: 100 * n, completion_tokens: 5 } },
    ];
    return sseResponse(chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join("") + "data: [DONE]\n\n");
  });
  // (the handler reads `server` lazily, after serve() has returned it)
}
let server: Served;
afterEach(() => server?.stop());

function options(extra: Partial<SessionOptions> = {}): SessionOptions {
  return {
    connect: (model) => new OpenAiProvider({ model, baseUrl: `${server.url}/v1`, apiKey: "sk-test", timeoutMs: 5000 }),
    model: "gpt-test",
    store: null,
    ...extra,
  };
}

async function turn(session: Session, prompt: string): Promise<void> {
  session.send(prompt);
  await session.idle();
}

const sent = (i: number) => (server.requests[i]!.body as { messages: Msg[] }).messages.filter((m) => m.role !== "system");
const padded = (n: number, words: string) => `${words} ${"x".repeat(n)}`;

test("/compact sends the turns before the last one for a summary; later requests send the summary and the last turn", async () => {
  server = fakeServer();
  const session = Session.create(options());
  await turn(session, "one");
  await turn(session, "two");
  await turn(session, "three");
  await session.compact("the parser");
  expect(sent(3)).toEqual([
    { role: "user", content: "one" },
    { role: "assistant", content: "answer 1" },
    { role: "user", content: "two" },
    { role: "assistant", content: "answer 2" },
    { role: "user", content: compactionPrompt("the parser") },
  ]);
  expect(server.requests[3]!.body).not.toHaveProperty("tools");
  await turn(session, "four");
  expect(sent(4)).toEqual([
    summaryMessage("SUMMARY of 4 messages") as Msg,
    { role: "user", content: "three" },
    { role: "assistant", content: "answer 3" },
    { role: "user", content: "four" },
  ]);
  // the transcript keeps everything, and says where compaction happened
  const texts = session.transcript.blocks.map((b) => (b.kind === "user" ? `› ${b.text}` : b.kind === "notice" ? `• ${b.text}` : b.kind));
  expect(texts.filter((t) => t.startsWith("›"))).toEqual(["› one", "› two", "› three", "› four"]);
  expect(texts.some((t) => t.startsWith("• Compacted turns 1–2"))).toBe(true);
});

test("a turn that would pass 85% of the window compacts first, announced in the transcript", async () => {
  server = fakeServer();
  const session = Session.create(options({ contextWindow: () => 1000 }));
  await turn(session, padded(900, "first"));
  await turn(session, padded(900, "second"));
  expect(server.requests.length).toBe(2);
  await turn(session, padded(900, "third")); // ~2,700 characters ≈ 850 tokens: over 85% of 1,000
  expect(server.requests.length).toBe(4);
  expect(sent(2).at(-1)!.content).toBe(compactionPrompt(undefined));
  expect(sent(2).map((m) => m.content.slice(0, 6))).toEqual(["first ", "answer", "Summar"]);
  expect(sent(3).map((m) => m.content.slice(0, 12))).toEqual([summaryMessage("").content.slice(0, 12), "second xxxxx", "answer 2", "third xxxxxx"]);
  expect(session.transcript.blocks.some((b) => b.kind === "notice" && b.text.startsWith("Compacting the conversation"))).toBe(true);
});

test("automatic compaction can be turned off", async () => {
  server = fakeServer();
  const session = Session.create(options({ contextWindow: () => 1000, compactAt: 0 }));
  for (const p of ["first", "second", "third"]) await turn(session, padded(900, p));
  expect(server.requests.length).toBe(3);
});

test("a server refusing for length: compact once and retry; refused again, the turn fails without a loop", async () => {
  server = fakeServer(3_000);
  const session = Session.create(options());
  await turn(session, padded(1000, "first"));
  await turn(session, padded(1000, "second"));
  await turn(session, padded(1000, "third")); // the whole history is over 3,000 characters now
  expect(server.requests.map((r) => (r.body as { messages: Msg[] }).messages.at(-1)!.content.slice(0, 9))).toEqual([
    "first xxx",
    "second xx",
    "third xxx",
    "Summarize",
    "third xxx",
  ]);
  expect(session.lastTurnFailed).toBe(false);
  expect(session.transcript.blocks.some((b) => b.kind === "notice" && b.text.includes("refused the request as too long"))).toBe(true);

  server.stop();
  server = fakeServer(10);
  const before = server.requests.length;
  await turn(session, "fourth");
  // refused, compaction refused too (its request is also too long), and the turn ends failed: three requests at most
  expect(server.requests.length - before).toBeLessThanOrEqual(3);
  expect(session.lastTurnFailed).toBe(true);
});

test("--resume restores the compacted state exactly: the next request is the one the live session would send", async () => {
  server = fakeServer();
  const dir = mkdtempSync(join(tmpdir(), "petrel-compaction-"));
  const store = new SessionStore(join(dir, "sessions"));
  const live = Session.create(options({ store }));
  for (const p of ["one", "two", "three"]) await turn(live, p);
  await live.compact();
  await live.flush();
  const resumed = Session.resume({ ...options(), store }, live.id);
  expect(resumed.usage).toEqual(live.usage);
  await turn(resumed, "four");
  await turn(live, "four");
  const n = server.requests.length;
  expect(sent(n - 2)).toEqual(sent(n - 1));
  expect(sent(n - 1)[0]).toEqual(summaryMessage("SUMMARY of 4 messages") as Msg);
  const exported = readFileSync(await resumed.exportMarkdown(join(dir, "export.md")), "utf8");
  expect(exported).toContain("The conversation was compacted here");
  expect(exported).toContain("> SUMMARY of 4 messages");
});

test("old large tool results are stubbed before anything the user or the model wrote", () => {
  const big = "line\n".repeat(1000);
  const history = [
    { role: "user" as const, content: "look" },
    { role: "assistant" as const, content: "", toolCalls: [{ id: "c1", name: "read", args: { path: "src/a.ts" } }] },
    { role: "tool" as const, toolCallId: "c1", name: "read", content: big },
    { role: "assistant" as const, content: "read it" },
    { role: "user" as const, content: "again" },
    { role: "assistant" as const, content: "", toolCalls: [{ id: "c2", name: "read", args: { path: "src/a.ts" } }] },
    { role: "tool" as const, toolCallId: "c2", name: "read", content: big },
    { role: "user" as const, content: "now" },
  ];
  const { messages, droppedChars } = stubOldToolResults(history);
  expect(droppedChars).toBe(big.length);
  expect(messages[2]!.content).toBe(
    '[output of read({"path":"src/a.ts"}) dropped to fit the context window: 5 KB; run the tool again if you need it]',
  );
  expect(messages.filter((m, i) => m !== history[i])).toEqual([messages[2]!]);
});

test("a summary request never passes the window: the oldest turns are left out, and the prompt says how many", async () => {
  server = fakeServer();
  const session = Session.create(options({ contextWindow: () => 1000 }));
  for (let i = 1; i <= 6; i++) {
    await turn(session, padded(600, `turn${i}`));
  }
  const windowChars = 1000 * 3.2;
  for (const r of server.requests) expect(JSON.stringify((r.body as { messages: Msg[] }).messages).length).toBeLessThan(windowChars * 1.1);
  const summaries = server.requests.filter((r) => (r.body as { messages: Msg[] }).messages.at(-1)!.content.startsWith("Summarize"));
  expect(summaries.length).toBeGreaterThan(0);
  expect(summaries.some((r) => (r.body as { messages: Msg[] }).messages.at(-1)!.content.includes("oldest turns did not fit"))).toBe(true);
});
