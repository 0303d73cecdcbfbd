import { describe, expect, test } from "bun:test";
import { ManualClock } from "../../src/provider/clock.ts";
import { DemoProvider } from "../../src/provider/demo/demo.ts";
import { longDemoTurn } from "../../src/provider/demo/long.ts";
import { SCRIPTS } from "../../src/provider/demo/scripts.ts";
import type { AgentEvent, HistoryMessage } from "../../src/provider/events.ts";
import { fold, timedTurn as timedTurnEvery } from "./harness.ts";

/** A demo turn on simulated time, advanced 50 ms at a time. */
const timedTurn = (p: DemoProvider, clock: ManualClock, history: HistoryMessage[]) => timedTurnEvery(p, clock, history, 50);

const ask = (prompt: string): HistoryMessage[] => [{ role: "user", content: prompt }];

function demo(seed: number, cps?: number) {
  const clock = new ManualClock(0);
  return { clock, p: new DemoProvider({ seed, cps, clock }) };
}

describe("demo agent", () => {
  test("the same seed gives the same stream, event for event and millisecond for millisecond", async () => {
    const a = demo(42);
    const b = demo(42);
    const c = demo(43);
    const ra = await timedTurn(a.p, a.clock, ask("fix the failing test"));
    const rb = await timedTurn(b.p, b.clock, ask("fix the failing test"));
    const rc = await timedTurn(c.p, c.clock, ask("fix the failing test"));
    expect(ra).toEqual(rb);
    expect(rc).not.toEqual(ra);
    expect(fold(rc.map((t) => t.event)).text).toBe(fold(ra.map((t) => t.event)).text);
  });

  test("looks like an agent at work: reasoning, streamed tool calls, delayed results, then a rich answer", async () => {
    const { p, clock } = demo(7);
    const timed = await timedTurn(p, clock, ask("fix the failing test"));
    const events = timed.map((t) => t.event);
    const r = fold(events);
    const firstContent = events.find((e) => e.type !== "turn_start")!;
    expect(firstContent.type).toBe("reasoning_delta");
    expect(r.toolCalls.map((c) => c.name)).toEqual(["run_command", "read_file", "apply_patch", "run_command"]);
    for (const call of r.toolCalls) expect(JSON.parse(call.argsText)).toEqual(call.arguments);
    expect(events.filter((e) => e.type === "tool_call_delta").length).toBeGreaterThan(r.toolCalls.length);
    // Results arrive after a visible delay (1-2 s at the default speed).
    for (const call of r.toolCalls) {
      const end = timed.find((t) => t.event.type === "tool_call_end" && t.event.id === call.id)!.at;
      const result = timed.find((t) => t.event.type === "tool_result" && t.event.id === call.id)!.at;
      expect(result - end).toBeGreaterThanOrEqual(900);
      expect(result - end).toBeLessThanOrEqual(1950);
    }
    const diff = events.find((e) => e.type === "tool_result" && e.output.includes("+++ b/"));
    expect(diff).toBeDefined();
    expect(r.text).toContain("## ");
    expect(r.text).toContain("```ts");
    expect(r.text).toContain("](https://");
    expect(r.text).toMatch(/^- \[x\]/m);
    expect(r.finishReason).toBe("stop");
    expect(r.usage!.outputTokens).toBeGreaterThan(100);
  });

  test("answers are varied: headings, tables, links and code in many languages across prompts", async () => {
    const prompts = ["hello", "fix the bug", "why is this query slow", "clean up this csv with pandas", "dockerize the app", "write tests for the cache", "speed up the parser", "refactor utils", "explain backpressure"];
    const langs = new Set<string>();
    let tables = 0;
    const names = new Set<string>();
    for (const prompt of prompts) {
      const { p, clock } = demo(1, 40_000);
      const r = fold((await timedTurn(p, clock, ask(prompt))).map((t) => t.event));
      for (const m of r.text.matchAll(/^```(\w+)/gm)) langs.add(m[1]!);
      if (/^\|.*\|$/m.test(r.text)) tables++;
      names.add(r.text.slice(0, 40));
    }
    expect([...langs].sort()).toEqual(expect.arrayContaining(["dockerfile", "go", "python", "rust", "sh", "sql", "ts", "yaml"]));
    expect(tables).toBeGreaterThanOrEqual(7);
    expect(names.size).toBe(prompts.length);
  });

  test("every script's tool arguments are valid JSON objects and every answer ends its fences", () => {
    for (const script of SCRIPTS)
      for (const step of script.steps) {
        if (step.kind === "say") expect((step.text.match(/^```/gm) ?? []).length % 2).toBe(0);
        if (step.kind === "tool") expect(typeof step.args).toBe("object");
      }
  });

  test("the greeting tells a newcomer how to connect a real model", async () => {
    const { p, clock } = demo(3, 40_000);
    const r = fold((await timedTurn(p, clock, ask("hi"))).map((t) => t.event));
    expect(r.text).toContain("OPENAI_API_KEY");
    expect(r.text).toContain("petrel config");
  });

  test("streams in small irregular chunks at about --demo-speed characters per second", async () => {
    for (const cps of [400, 4000]) {
      const { p, clock } = demo(5, cps);
      const timed = await timedTurn(p, clock, ask("explain backpressure"));
      const texts = timed.filter((t) => t.event.type === "text_delta");
      const sizes = texts.map((t) => (t.event as { text: string }).text.length);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(41);
      expect(new Set(sizes).size).toBeGreaterThan(8);
      const chars = sizes.reduce((a, b) => a + b, 0);
      const seconds = (texts.at(-1)!.at - texts[0]!.at) / 1000;
      const rate = chars / seconds;
      expect(rate).toBeGreaterThan(cps * 0.6);
      expect(rate).toBeLessThan(cps * 1.4);
    }
  });

  test("vague prompts in a row get different answers", async () => {
    const { p, clock } = demo(9, 40_000);
    const first = fold((await timedTurn(p, clock, ask("hmm"))).map((t) => t.event)).text;
    const history: HistoryMessage[] = [...ask("hmm"), { role: "assistant", content: first }, { role: "user", content: "hmm" }];
    const second = fold((await timedTurn(p, clock, history)).map((t) => t.event)).text;
    expect(second).not.toBe(first);
  });

  test("a 'stress' prompt produces a very long answer", async () => {
    const { p, clock } = demo(2, 10_000_000);
    const r = fold((await timedTurn(p, clock, ask("stress"))).map((t) => t.event));
    expect(r.text.length).toBeGreaterThan(100_000);
    expect(r.toolCalls.length).toBe(3);
  });

  test("cancelling stops it mid-sleep", async () => {
    const { p, clock } = demo(1);
    const abort = new AbortController();
    const seen: AgentEvent[] = [];
    const run = (async () => {
      for await (const e of p.stream({ history: ask("hello"), signal: abort.signal })) seen.push(e);
    })();
    await clock.advance(1000);
    abort.abort();
    await expect(run).rejects.toThrow();
    const count = seen.length;
    await clock.advance(10_000);
    expect(seen.length).toBe(count);
  });
});

describe("longDemoTurn", () => {
  test("about the requested size, with reasoning and three tool calls, deterministic", () => {
    const events = longDemoTurn(1_000_000, 11);
    const r = fold(events.map((e) => e.event));
    expect(r.text.length).toBeGreaterThanOrEqual(1_000_000);
    expect(r.text.length).toBeLessThan(1_010_000);
    expect(r.reasoning.length).toBeGreaterThan(500);
    expect(r.toolCalls.map((c) => c.name)).toEqual(["read_file", "run_command", "apply_patch"]);
    expect(r.text).toMatch(/^```rust$/m);
    expect(r.text).toMatch(/^\| scenario \|/m);
    expect(events.every((e, i) => i === 0 || e.t >= events[i - 1]!.t)).toBe(true);
    expect(longDemoTurn(50_000, 11)).toEqual(longDemoTurn(50_000, 11));
    expect(longDemoTurn(50_000, 12)).not.toEqual(longDemoTurn(50_000, 11));
  });
});
