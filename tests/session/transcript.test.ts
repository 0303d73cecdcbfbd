import { describe, expect, test } from "bun:test";
import type { AgentEvent } from "../../src/provider/events.ts";
import type { Block, TranscriptListener } from "../../src/session/blocks.ts";
import { TOOL_NOT_RUN, Transcript } from "../../src/session/transcript.ts";

type Call = [string, number, string?];

function recorder(): { calls: Call[]; listener: TranscriptListener } {
  const calls: Call[] = [];
  return {
    calls,
    listener: {
      added: (b) => calls.push(["added", b.id]),
      appended: (b, d) => calls.push(["appended", b.id, d]),
      changed: (b) => calls.push(["changed", b.id]),
      cleared: () => calls.push(["cleared", 0]),
    },
  };
}

function play(t: Transcript, events: AgentEvent[], start = 1000, step = 100): number {
  let now = start;
  for (const e of events) t.apply(e, (now += step));
  return now;
}

describe("listener semantics", () => {
  test("each text delta is one appended call and the text grows by exactly that delta", () => {
    const t = new Transcript();
    const { calls, listener } = recorder();
    t.setListener(listener);
    t.addUser("q");
    play(t, [
      { type: "turn_start" },
      { type: "text_delta", text: "Hel" },
      { type: "text_delta", text: "lo" },
      { type: "text_delta", text: "" },
      { type: "turn_end", finishReason: "stop" },
    ]);
    const text = t.blocks[1]!;
    expect(text).toMatchObject({ kind: "text", text: "Hello", streaming: false, interrupted: false });
    expect(calls).toEqual([
      ["added", 1],
      ["added", 2],
      ["appended", 2, "Hel"],
      ["appended", 2, "lo"],
      ["changed", 2],
    ]);
  });

  test("a run of reasoning is one block, ended when the first other event arrives", () => {
    const t = new Transcript();
    const { calls, listener } = recorder();
    t.setListener(listener);
    t.addUser("q");
    t.apply({ type: "reasoning_delta", text: "a" }, 1000);
    t.apply({ type: "reasoning_delta", text: "b" }, 5000);
    t.apply({ type: "reasoning_signature", signature: "sig" }, 6000);
    t.apply({ type: "text_delta", text: "answer" }, 13000);
    const r = t.blocks[1]!;
    expect(r).toMatchObject({ kind: "reasoning", text: "ab", streaming: false, startedAt: 1000, endedAt: 13000, signature: "sig" });
    expect(calls.slice(1)).toEqual([
      ["added", 2],
      ["appended", 2, "a"],
      ["appended", 2, "b"],
      ["changed", 2],
      ["changed", 2],
      ["added", 3],
      ["appended", 3, "answer"],
    ]);
  });

  test("reasoning after text starts a new reasoning block and closes the text", () => {
    const t = new Transcript();
    t.addUser("q");
    play(t, [
      { type: "reasoning_delta", text: "r1" },
      { type: "text_delta", text: "t1" },
      { type: "reasoning_delta", text: "r2" },
      { type: "text_delta", text: "t2" },
      { type: "turn_end", finishReason: "stop" },
    ]);
    expect(t.blocks.map((b) => [b.kind, "text" in b ? b.text : ""])).toEqual([
      ["user", "q"],
      ["reasoning", "r1"],
      ["text", "t1"],
      ["reasoning", "r2"],
      ["text", "t2"],
    ]);
    expect(t.blocks.every((b) => !("streaming" in b) || !b.streaming)).toBe(true);
  });

  test("tool lifecycle: pending, argument deltas appended, running, then done or failed", () => {
    const t = new Transcript();
    const { calls, listener } = recorder();
    t.addUser("q");
    t.setListener(listener);
    t.apply({ type: "tool_call_start", id: "c1", name: "read_file" }, 100);
    const tool = t.blocks[1] as Extract<Block, { kind: "tool" }>;
    expect(tool.status).toBe("pending");
    t.apply({ type: "tool_call_delta", id: "c1", argsDelta: '{"path":' }, 110);
    t.apply({ type: "tool_call_delta", id: "c1", argsDelta: '"a"}' }, 120);
    t.apply({ type: "tool_call_end", id: "c1", args: { path: "a" } }, 130);
    expect(tool.status).toBe("running");
    t.apply({ type: "tool_result", id: "c1", output: "contents" }, 1500);
    expect(tool).toMatchObject({ argsText: '{"path":"a"}', args: { path: "a" }, status: "done", output: "contents", startedAt: 100, endedAt: 1500 });
    t.apply({ type: "tool_call_start", id: "c2", name: "run" }, 1600);
    t.apply({ type: "tool_call_end", id: "c2", args: {} }, 1601);
    t.apply({ type: "tool_result", id: "c2", output: "exit 1", isError: true }, 1700);
    expect((t.blocks[2] as Extract<Block, { kind: "tool" }>).status).toBe("failed");
    expect(calls).toEqual([
      ["added", 2],
      ["appended", 2, '{"path":'],
      ["appended", 2, '"a"}'],
      ["changed", 2],
      ["changed", 2],
      ["added", 3],
      ["changed", 3],
      ["changed", 3],
    ]);
  });

  test("a turn ending with tools that never got results marks them not run", () => {
    const t = new Transcript();
    t.addUser("q");
    play(t, [
      { type: "tool_call_start", id: "c", name: "weather" },
      { type: "tool_call_end", id: "c", args: { city: "Oslo" } },
      { type: "turn_end", finishReason: "tool_calls" },
    ]);
    expect(t.blocks[1]).toMatchObject({ kind: "tool", status: "failed", output: TOOL_NOT_RUN });
  });

  test("an error mid-stream keeps the partial answer, then the error block says what happened (not \"interrupted\")", () => {
    const t = new Transcript();
    t.addUser("q");
    play(t, [
      { type: "text_delta", text: "partial" },
      { type: "error", message: "connection lost" },
      { type: "turn_end", finishReason: "error" },
    ]);
    expect(t.blocks.slice(1)).toMatchObject([
      { kind: "text", text: "partial", streaming: false, interrupted: false },
      { kind: "error", message: "connection lost" },
    ]);
  });

  test("cancelling interrupts the streaming text and fails running tools", () => {
    const t = new Transcript();
    t.addUser("q");
    play(t, [
      { type: "text_delta", text: "let me look" },
      { type: "tool_call_start", id: "c", name: "read_file" },
      { type: "tool_call_end", id: "c", args: {} },
      { type: "turn_end", finishReason: "cancelled" },
    ]);
    expect(t.blocks[1]).toMatchObject({ kind: "text", interrupted: false });
    expect(t.blocks[2]).toMatchObject({ kind: "tool", status: "failed", output: "cancelled" });
    const t2 = new Transcript();
    t2.addUser("q");
    play(t2, [{ type: "text_delta", text: "half" }, { type: "turn_end", finishReason: "cancelled" }]);
    expect(t2.blocks[1]).toMatchObject({ kind: "text", text: "half", interrupted: true, streaming: false });
  });

  test("retry countdowns: one notice updated in place, cleared if the turn ends first", () => {
    const t = new Transcript();
    const { calls, listener } = recorder();
    t.addUser("q");
    t.setListener(listener);
    t.apply({ type: "error", message: "rate limited; retry 1 of 4", retryInMs: 2000 }, 10_000);
    expect(t.blocks[1]).toMatchObject({ kind: "notice", text: "rate limited; retry 1 of 4", countdownUntil: 12_000 });
    t.apply({ type: "error", message: "rate limited; retry 2 of 4", retryInMs: 4000 }, 12_000);
    expect(t.blocks.length).toBe(2);
    expect(t.blocks[1]).toMatchObject({ text: "rate limited; retry 2 of 4", countdownUntil: 16_000 });
    t.apply({ type: "turn_end", finishReason: "cancelled" }, 13_000);
    expect((t.blocks[1] as Extract<Block, { kind: "notice" }>).countdownUntil).toBeUndefined();
    expect(calls).toEqual([
      ["added", 2],
      ["changed", 2],
      ["changed", 2],
    ]);
  });

  test("clear empties the blocks and tells the listener; ids keep increasing", () => {
    const t = new Transcript();
    const { calls, listener } = recorder();
    t.setListener(listener);
    t.addUser("a");
    t.clear();
    const b = t.addUser("b");
    expect(t.blocks).toEqual([b]);
    expect(b.id).toBe(2);
    expect(calls).toEqual([
      ["added", 1],
      ["cleared", 0],
      ["added", 2],
    ]);
  });
});

describe("history", () => {
  test("multi-turn: prompts, answers, tool calls with results in provider order", () => {
    const t = new Transcript();
    t.addUser("read a");
    play(t, [
      { type: "reasoning_delta", text: "plan" },
      { type: "reasoning_signature", signature: "s1" },
      { type: "text_delta", text: "Reading." },
      { type: "tool_call_start", id: "c1", name: "read_file" },
      { type: "tool_call_end", id: "c1", args: { path: "a" } },
      { type: "tool_result", id: "c1", output: "A" },
      { type: "tool_call_start", id: "c2", name: "run" },
      { type: "tool_call_end", id: "c2", args: {} },
      { type: "tool_result", id: "c2", output: "boom", isError: true },
      { type: "text_delta", text: "It says A." },
      { type: "notice", text: "ignored" },
      { type: "turn_end", finishReason: "stop" },
    ]);
    t.addUser("thanks");
    play(t, [{ type: "text_delta", text: "welcome" }, { type: "turn_end", finishReason: "stop" }]);
    t.addUser("and now");
    expect(t.history()).toEqual([
      { role: "user", content: "read a" },
      {
        role: "assistant",
        content: "Reading.",
        reasoning: "plan",
        reasoningSignature: "s1",
        toolCalls: [
          { id: "c1", name: "read_file", args: { path: "a" } },
          { id: "c2", name: "run", args: {} },
        ],
      },
      { role: "tool", toolCallId: "c1", name: "read_file", content: "A" },
      { role: "tool", toolCallId: "c2", name: "run", content: "boom", isError: true },
      { role: "assistant", content: "It says A." },
      { role: "user", content: "thanks" },
      { role: "assistant", content: "welcome" },
      { role: "user", content: "and now" },
    ]);
  });

  test("tools a provider asked for but nobody ran go back as not run", () => {
    const t = new Transcript();
    t.addUser("weather?");
    play(t, [
      { type: "tool_call_start", id: "c", name: "weather" },
      { type: "tool_call_end", id: "c", args: { city: "Oslo" } },
      { type: "turn_end", finishReason: "tool_calls" },
    ]);
    expect(t.history().slice(1)).toEqual([
      { role: "assistant", content: "", toolCalls: [{ id: "c", name: "weather", args: { city: "Oslo" } }] },
      { role: "tool", toolCallId: "c", name: "weather", content: TOOL_NOT_RUN, isError: true },
    ]);
  });
});

describe("markdown export", () => {
  test("prompts, reasoning, tools and answers in a readable document", () => {
    const t = new Transcript();
    t.addUser("fix it");
    t.apply({ type: "reasoning_delta", text: "look first" }, 0);
    t.apply({ type: "tool_call_start", id: "c", name: "apply_patch" }, 12_000);
    t.apply({ type: "tool_call_end", id: "c", args: { path: "a.ts" } }, 12_100);
    t.apply({ type: "tool_result", id: "c", output: "--- a/a.ts\n+++ b/a.ts\n@@ -1 +1 @@\n-x\n+y" }, 13_000);
    t.apply({ type: "text_delta", text: "Fixed with ```ts\ncode\n```" }, 14_000);
    t.apply({ type: "error", message: "lost" }, 15_000);
    t.notice("Model: other (openai)");
    t.apply({ type: "turn_end", finishReason: "error" }, 15_000);
    expect(t.toMarkdown()).toBe(
      [
        "## You\n\nfix it",
        "## Assistant",
        "> **Thought for 12s**\n>\n> look first",
        '**Tool `apply_patch`** (done)\n\n```json\n{\n  "path": "a.ts"\n}\n```\n\n```diff\n--- a/a.ts\n+++ b/a.ts\n@@ -1 +1 @@\n-x\n+y\n```',
        "Fixed with ```ts\ncode\n```",
        "> **Error:** lost",
      ].join("\n\n") + "\n",
    );
  });
});

test("streaming 10 MB in small deltas costs O(delta) per delta", () => {
  const t = new Transcript();
  let appendedBytes = 0;
  t.setListener({ added() {}, appended: (_b, d) => (appendedBytes += d.length), changed() {}, cleared() {} });
  t.addUser("q");
  const delta = "x".repeat(99) + "\n";
  // quadratic copying would be ~500 GB here, so the test timeout is the guard, not a clock
  for (let i = 0; i < 100_000; i++) t.apply({ type: "text_delta", text: delta }, i);
  expect(appendedBytes).toBe(10_000_000);
  expect((t.blocks[1] as Extract<Block, { kind: "text" }>).text.length).toBe(10_000_000);
});
