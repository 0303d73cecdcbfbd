import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ManualClock } from "../../src/provider/clock.ts";
import type { Provider } from "../../src/provider/events.ts";
import { parseLog } from "../../src/provider/recording.ts";
import type { Block } from "../../src/session/blocks.ts";
import { Session } from "../../src/session/session.ts";
import { SessionNotFound, SessionStore } from "../../src/session/store.ts";
import { runUntil, ScriptedProvider, shortTurn, tempDir, turnWithTool, type Step } from "./helpers.ts";

function setup(turns: Step[][], dir = tempDir(), start = 1_700_000_000_000) {
  const clock = new ManualClock(start);
  const store = new SessionStore(join(dir, "sessions"));
  const models: string[] = [];
  const providers: ScriptedProvider[] = [];
  const connect = (model: string): Provider => {
    models.push(model);
    const p = new ScriptedProvider(model, turns, clock);
    providers.push(p);
    return p;
  };
  const session = Session.create({ connect, model: "m1", store, clock });
  return { clock, store, session, models, providers, dir, connect };
}

function lines(path: string): Record<string, unknown>[] {
  return parseLog(readFileSync(path, "utf8")).records as unknown as Record<string, unknown>[];
}

/** Blocks without their volatile parts, for comparing a live transcript with a restored one. */
function shape(blocks: Block[]) {
  return blocks.filter((b) => b.kind !== "notice").map((b) => ({ ...b, id: undefined }));
}

describe("a turn", () => {
  test("streams into the transcript in the background and reports state", async () => {
    const { clock, session } = setup([turnWithTool]);
    const states: boolean[] = [];
    session.onState(() => states.push(session.running));
    session.send("read a");
    expect(session.running).toBe(true);
    expect(session.transcript.blocks[0]).toMatchObject({ kind: "user", text: "read a", turn: 1 });
    await runUntil(clock, () => !session.running);
    expect(session.transcript.blocks.map((b) => b.kind)).toEqual(["user", "reasoning", "text", "tool", "text"]);
    expect(session.transcript.blocks[1]).toMatchObject({ startedAt: 1_700_000_000_100, endedAt: 1_700_000_000_400 });
    expect(session.usage).toEqual({ inputTokens: 10, outputTokens: 5 });
    expect(states[0]).toBe(true);
    expect(states.at(-1)).toBe(false);
  });

  test("usage adds up over turns; the history goes to the provider every turn", async () => {
    const { clock, session, providers } = setup([shortTurn("one"), shortTurn("two", { inputTokens: 30, outputTokens: 3 })]);
    session.send("first");
    await runUntil(clock, () => !session.running);
    session.send("second");
    await runUntil(clock, () => !session.running);
    expect(session.usage).toEqual({ inputTokens: 50, outputTokens: 5 });
    expect(providers[0]!.requests[1]!.history).toEqual([
      { role: "user", content: "first" },
      { role: "assistant", content: "one" },
      { role: "user", content: "second" },
    ]);
  });

  test("a prompt sent while a turn runs waits for it", async () => {
    const { clock, session } = setup([shortTurn("one"), shortTurn("two")]);
    session.send("first");
    session.send("second");
    expect(session.queued).toBe(1);
    await runUntil(clock, () => !session.running && session.queued === 0);
    expect(session.transcript.blocks.map((b) => ("text" in b ? b.text : ""))).toEqual(["first", "one", "second", "two"]);
  });

  test("cancel ends the turn at once: partial text kept and marked, log says cancelled", async () => {
    const { clock, session } = setup([turnWithTool]);
    session.send("read a");
    await runUntil(clock, () => session.transcript.blocks.some((b) => b.kind === "text"));
    session.cancel();
    expect(session.running).toBe(false);
    const text = session.transcript.blocks.find((b) => b.kind === "text")!;
    expect(text).toMatchObject({ text: "Let me ", interrupted: true, streaming: false });
    await clock.advance(5000);
    expect(session.transcript.blocks.at(-1)).toBe(text);
    const log = lines(session.logPath!);
    expect(log.at(-1)).toMatchObject({ type: "event", event: { type: "turn_end", finishReason: "cancelled" } });
    await session.idle();
  });

  test("a provider that throws becomes an error block, never a crash", async () => {
    const clock = new ManualClock(0);
    const boom: Provider = {
      name: "broken",
      model: "x",
      // biome-ignore lint: a deliberately failing generator
      async *stream() {
        yield { type: "text_delta", text: "so far" };
        throw new Error("kaput");
      },
    };
    const session = Session.create({ connect: () => boom, model: "x", store: null, clock });
    session.send("hi");
    await session.idle();
    expect(session.transcript.blocks.slice(1)).toMatchObject([
      { kind: "text", text: "so far", interrupted: false },
      { kind: "error", message: "broken failed: kaput" },
    ]);
    expect(session.lastTurnFailed).toBe(true);
  });
});

describe("the log", () => {
  test("header, prompt and timed events; 0600 in a 0700 folder; nothing before the first prompt", async () => {
    const { clock, session, store } = setup([turnWithTool]);
    expect(existsSync(store.pathFor(session.id))).toBe(false);
    session.send("read a");
    await runUntil(clock, () => !session.running);
    const path = store.pathFor(session.id);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(store.dir).mode & 0o777).toBe(0o700);
    const log = lines(path);
    expect(log[0]).toMatchObject({ type: "session", version: 1, id: session.id, provider: "scripted", model: "m1" });
    expect(log[1]).toEqual({ type: "user", at: 1_700_000_000_000, text: "read a" });
    expect(log.slice(2).map((r) => r.t)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 1800, 1900, 2000, 2000]);
    expect(log.length).toBe(2 + turnWithTool.length);
  });

  test("events reach the file within 250 ms while streaming, in batches", async () => {
    const steady: Step[] = [{ event: { type: "turn_start" } }];
    for (let i = 0; i < 100; i++) steady.push({ delay: 20, event: { type: "text_delta", text: `c${i} ` } });
    steady.push({ event: { type: "turn_end", finishReason: "stop" } });
    const { clock, session, store } = setup([steady]);
    session.send("go");
    const path = store.pathFor(session.id);
    const writes = new Set<number>();
    for (let ms = 0; ms < 2100; ms += 10) {
      await clock.advance(10);
      const onDisk = lines(path).filter((r) => r.type === "event").length;
      writes.add(onDisk);
      // Everything emitted up to 250 ms ago is on disk.
      const emittedBy = (at: number) => (at <= 0 ? 0 : 1 + Math.min(100, Math.floor(at / 20)));
      expect(onDisk).toBeGreaterThanOrEqual(emittedBy(ms + 10 - 250));
    }
    // Batched: far fewer distinct file states than events.
    expect(writes.size).toBeLessThan(20);
  });

  test("a log that cannot be written becomes one error block; the session goes on", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "sessions"), "a file where the folder should be");
    const { clock, session } = setup([shortTurn("fine")], dir);
    session.send("hi");
    await runUntil(clock, () => !session.running);
    const kinds = session.transcript.blocks.map((b) => b.kind);
    expect(kinds.filter((k) => k === "error").length).toBe(1);
    expect(session.transcript.blocks.find((b) => b.kind === "text")).toMatchObject({ text: "fine" });
  });
});

describe("resume", () => {
  test("round trip: the transcript, history, usage and model come back; new turns append", async () => {
    const first = setup([turnWithTool, shortTurn("second answer")]);
    first.session.send("read a");
    await runUntil(first.clock, () => !first.session.running);
    first.session.setModel("m2");
    first.session.send("and then?");
    await runUntil(first.clock, () => !first.session.running);
    await first.session.flush();

    const again = Session.resume({ connect: first.connect, model: "m1", store: first.store, clock: first.clock });
    expect(again.id).toBe(first.session.id);
    expect(again.provider.model).toBe("m2");
    expect(shape(again.transcript.blocks)).toEqual(shape(first.session.transcript.blocks));
    expect(again.transcript.history()).toEqual(first.session.transcript.history());
    expect(again.usage).toEqual(first.session.usage);
    expect(again.transcript.blocks.at(-1)).toMatchObject({ kind: "notice", text: `resumed session ${first.session.id}` });

    const before = lines(first.store.pathFor(again.id)).length;
    again.send("third");
    await runUntil(first.clock, () => !again.running);
    expect(lines(first.store.pathFor(again.id)).length).toBeGreaterThan(before);
  });

  test("a truncated last line is skipped with a notice; the cut turn is closed as interrupted", async () => {
    const first = setup([turnWithTool]);
    first.session.send("read a");
    await runUntil(first.clock, () => first.session.transcript.blocks.some((b) => b.kind === "tool" && b.status === "running"));
    await first.session.flush();
    const path = first.store.pathFor(first.session.id);
    const text = readFileSync(path, "utf8");
    // A kill -9 in the middle of a write: the last record is half there.
    writeFileSync(path, text.slice(0, text.length - 9));

    const again = Session.resume({ connect: first.connect, model: "m1", store: first.store, clock: first.clock });
    const blocks = again.transcript.blocks;
    expect(blocks.some((b) => b.kind === "notice" && b.text.includes("last line was cut off"))).toBe(true);
    expect(blocks.find((b) => b.kind === "text")).toMatchObject({ text: "Let me look.", streaming: false });
    expect(blocks.find((b) => b.kind === "tool")).toMatchObject({ status: "failed", output: "cancelled" });
    // The log was repaired by appending, never rewritten: the broken line stays, on its own line.
    const repaired = parseLog(readFileSync(path, "utf8"));
    expect(repaired.truncatedTail).toBe(false);
    expect(repaired.damaged).toBe(1);
    expect(repaired.records.at(-1)).toMatchObject({ type: "event", event: { type: "turn_end", finishReason: "cancelled" } });
    expect(readFileSync(path, "utf8").startsWith(text.slice(0, text.length - 9))).toBe(true);
  });

  test("latest, by id, by unique prefix; clear messages otherwise", () => {
    const dir = tempDir();
    const store = new SessionStore(join(dir, "s"));
    expect(() => store.resolve()).toThrow(SessionNotFound);
    for (const [id, mtime] of [
      ["20240101-000000-aaaa", 1000],
      ["20240102-000000-bbbb", 3000],
      ["20240102-000000-bbbc", 2000],
    ] as const) {
      Bun.spawnSync(["mkdir", "-p", store.dir]);
      writeFileSync(store.pathFor(id), "");
      Bun.spawnSync(["touch", "-d", `@${mtime}`, store.pathFor(id)]);
    }
    expect(store.resolve()).toBe("20240102-000000-bbbb");
    expect(store.resolve("20240101")).toBe("20240101-000000-aaaa");
    expect(() => store.resolve("20240102")).toThrow(/matches 2 sessions/);
    expect(() => store.resolve("nope")).toThrow(/no session "nope"/);
  });
});

describe("commands", () => {
  test("/model switches the provider for the next turn", async () => {
    const { session, models } = setup([]);
    session.setModel("bigger");
    expect(models).toEqual(["m1", "bigger"]);
    expect(session.provider).toEqual({ name: "scripted", model: "bigger" });
  });

  test("/new starts a fresh conversation in a new log; the old one stays", async () => {
    const { clock, session, store } = setup([shortTurn("one"), shortTurn("two")]);
    let cleared = 0;
    session.transcript.setListener({ added() {}, appended() {}, changed() {}, cleared: () => cleared++ });
    session.send("first");
    await runUntil(clock, () => !session.running);
    const oldId = session.id;
    await clock.advance(1000);
    session.newSession();
    expect(session.id).not.toBe(oldId);
    expect(session.transcript.blocks).toEqual([]);
    expect(session.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(cleared).toBe(1);
    expect(existsSync(store.pathFor(oldId))).toBe(true);
    expect(existsSync(store.pathFor(session.id))).toBe(false);
    session.send("again");
    await runUntil(clock, () => !session.running);
    expect(session.transcript.history()).toEqual([
      { role: "user", content: "again" },
      { role: "assistant", content: "two" },
    ]);
  });

  test("/clear empties the screen; the conversation, the log and export keep everything", async () => {
    const { clock, session, dir, store } = setup([shortTurn("one"), turnWithTool]);
    const calls: string[] = [];
    session.transcript.setListener({
      added: (b) => calls.push(`added ${b.kind}`),
      appended() {},
      changed: (b) => calls.push(`changed ${b.kind}`),
      cleared: () => calls.push("cleared"),
    });
    session.send("first");
    await runUntil(clock, () => !session.running);
    const id = session.id;
    session.send("second");
    await runUntil(clock, () => session.transcript.blocks.some((b) => b.kind === "tool" && b.status === "running"));
    // Cleared while the tool waits for its result; the answer goes on below.
    session.clear();
    calls.length = 0;
    await runUntil(clock, () => !session.running);
    expect(session.id).toBe(id);
    expect(session.transcript.blocks.map((b) => b.kind)).toEqual(["text"]);
    expect(calls).toEqual(["added text", "changed text"]);
    expect(session.transcript.history().map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant", "tool", "assistant"]);
    const md = readFileSync(await session.exportMarkdown(join(dir, "all.md")), "utf8");
    expect(md).toContain("## You\n\nfirst");
    expect(md).toContain("**Tool `read_file`** (done)");
    const resumed = Session.resume({ connect: (m) => new ScriptedProvider(m, [], clock), model: "m1", store, clock });
    expect(resumed.transcript.blocks.filter((b) => b.kind === "user").length).toBe(2);
  });

  test("/export writes the conversation as markdown and returns the path", async () => {
    const { clock, session, dir } = setup([turnWithTool]);
    session.send("read a");
    await runUntil(clock, () => !session.running);
    const path = await session.exportMarkdown(join(dir, "out.md"));
    expect(path).toBe(join(dir, "out.md"));
    const md = readFileSync(path, "utf8");
    expect(md).toStartWith(`# petrel session ${session.id}`);
    expect(md).toContain("## You\n\nread a");
    expect(md).toContain("**Tool `read_file`** (done)");
    expect(md).toContain("It says **A**.");
  });

  test("sessions list: id, date, title, message count, newest first", async () => {
    const a = setup([shortTurn("one"), shortTurn("two"), shortTurn("three")]);
    a.session.send("How do I\nparse TOML?");
    await runUntil(a.clock, () => !a.session.running);
    a.session.send("and JSON?");
    await runUntil(a.clock, () => !a.session.running);
    await a.clock.advance(2000);
    a.session.newSession();
    a.session.send("second session");
    await runUntil(a.clock, () => !a.session.running);
    const list = a.store.list();
    expect(list.map((s) => [s.title, s.messages])).toEqual([
      ["second session", 2],
      ["How do I", 4],
    ]);
    expect(list[1]!.created.getTime()).toBe(1_700_000_000_000);
  });
});

test("a listener that throws cannot wedge a turn: it ends, and the session takes the next prompt", async () => {
  const { clock, session } = setup([shortTurn("one"), shortTurn("two")]);
  let throwing = true;
  session.transcript.setListener({
    added() {},
    appended() {
      if (throwing) throw new Error("view bug");
    },
    changed() {},
    cleared() {},
  });
  session.send("first");
  await runUntil(clock, () => !session.running);
  expect(session.transcript.blocks.find((b) => b.kind === "error")).toMatchObject({ message: "scripted failed: view bug" });
  throwing = false;
  session.send("second");
  await runUntil(clock, () => !session.running);
  expect(session.transcript.blocks.at(-1)).toMatchObject({ kind: "text", text: "two" });
});
