import { describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ManualClock } from "../../src/provider/clock.ts";
import { longDemoTurn } from "../../src/provider/demo/long.ts";
import type { HistoryMessage } from "../../src/provider/events.ts";
import { recordingJsonl, serializeRecord } from "../../src/provider/recording.ts";
import { ReplayError, ReplayProvider } from "../../src/provider/replay.ts";
import { tempDir } from "../session/helpers.ts";
import { timedTurn } from "./harness.ts";

/** A replayed turn on simulated time, advanced 5 ms at a time. */
const play = (p: ReplayProvider, clock: ManualClock, history: HistoryMessage[]) => timedTurn(p, clock, history, 5);

const recording = recordingJsonl("q", [
  { t: 0, event: { type: "turn_start", model: "rec-model" } },
  { t: 400, event: { type: "text_delta", text: "a" } },
  { t: 1000, event: { type: "text_delta", text: "b" } },
  { t: 1000, event: { type: "turn_end", finishReason: "stop" } },
]);

describe("replay", () => {
  test("plays at the recorded timing, or N times faster", async () => {
    for (const [speed, expected] of [
      [1, [0, 400, 1000, 1000]],
      [4, [0, 100, 250, 250]],
    ] as const) {
      const clock = new ManualClock(0);
      const p = new ReplayProvider(recording, { speed, clock });
      const out = await play(p, clock, [{ role: "user", content: "anything" }]);
      expect(out.map((o) => o.at)).toEqual([...expected]);
      expect(p.model).toBe("rec-model");
    }
  });

  test("speed 0 or Infinity plays at once", async () => {
    for (const speed of [0, Infinity]) {
      const clock = new ManualClock(0);
      const out = await play(new ReplayProvider(recording, { speed, clock }), clock, [{ role: "user", content: "x" }]);
      expect(out.every((o) => o.at === 0)).toBe(true);
    }
  });

  test("the k-th prompt gets the k-th recorded turn; past the end is an error turn", async () => {
    const text =
      serializeRecord({ type: "session", version: 1, id: "s", created: "", provider: "demo", model: "logged" }) +
      recordingJsonl("one", [{ t: 5, event: { type: "text_delta", text: "first" } }, { t: 6, event: { type: "turn_end", finishReason: "stop" } }]) +
      recordingJsonl("two", [{ t: 5, event: { type: "text_delta", text: "second" } }, { t: 6, event: { type: "turn_end", finishReason: "stop" } }]);
    const clock = new ManualClock(0);
    const p = new ReplayProvider(text, { clock });
    expect(p.model).toBe("logged");
    expect(p.prompts).toEqual(["one", "two"]);
    const second = await play(p, clock, [
      { role: "user", content: "x" },
      { role: "assistant", content: "first" },
      { role: "user", content: "y" },
    ]);
    expect(second.map((o) => o.event)).toEqual([
      { type: "text_delta", text: "second" },
      { type: "turn_end", finishReason: "stop" },
    ]);
    const third = await play(p, clock, [{ role: "user", content: "1" }, { role: "user", content: "2" }, { role: "user", content: "3" }]);
    expect(third.map((o) => o.event.type)).toEqual(["turn_start", "error", "turn_end"]);
  });

  test("a log cut off mid-turn replays what it has and ends the turn as cancelled", async () => {
    const clock = new ManualClock(0);
    const cut = recording.split("\n").slice(0, 3).join("\n") + '\n{"type":"event","t":9';
    const out = await play(new ReplayProvider(cut, { clock, speed: 0 }), clock, [{ role: "user", content: "x" }]);
    expect(out.map((o) => o.event)).toEqual([
      { type: "turn_start", model: "rec-model" },
      { type: "text_delta", text: "a" },
      { type: "turn_end", finishReason: "cancelled" },
    ]);
  });

  test("a bare event recording without prompts splits into turns at turn_start", () => {
    const lines = [
      { type: "event", t: 0, event: { type: "turn_start" } },
      { type: "event", t: 1, event: { type: "turn_end", finishReason: "stop" } },
      { type: "event", t: 0, event: { type: "turn_start" } },
      { type: "event", t: 1, event: { type: "turn_end", finishReason: "stop" } },
    ];
    const p = new ReplayProvider(lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    expect(p.turns.length).toBe(2);
  });

  test("files with nothing to play, or missing, are a clear error", () => {
    expect(() => new ReplayProvider("not json\n", {}, "x.jsonl")).toThrow(new ReplayError("x.jsonl holds no recorded turns"));
    expect(() => ReplayProvider.fromFile("/nonexistent/petrel.jsonl")).toThrow(/cannot read \/nonexistent\/petrel.jsonl: ENOENT/);
  });

  test("a long demo turn written as a recording replays event for event", async () => {
    const events = longDemoTurn(200_000, 3);
    const path = join(tempDir(), "long.jsonl");
    writeFileSync(path, recordingJsonl("review", events));
    const clock = new ManualClock(0);
    const p = ReplayProvider.fromFile(path, { clock, speed: 0 });
    const out = await play(p, clock, [{ role: "user", content: "review" }]);
    expect(out.map((o) => o.event)).toEqual(events.map((e) => e.event));
  });
});
