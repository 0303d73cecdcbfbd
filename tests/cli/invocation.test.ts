/** How petrel is invoked: without a terminal, subcommands after flags, and one-line messages for bad input. */
import { expect, test } from "bun:test";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freshHome, petrel } from "./print-helpers.ts";

const FAST = ["--demo-speed", "1000000"];
const ESC = "\x1b";

test("without a terminal and without a prompt, petrel says what to do and writes no UI into the pipe", async () => {
  const r = await petrel(freshHome(), []);
  expect(r.code).toBe(2);
  expect(r.out).toBe("");
  expect(r.err).toBe('petrel: the chat needs a terminal; to print one answer, give a prompt: petrel -p "…" or on standard input\n');
});

test("without a terminal, a prompt on stdin or as an argument gets one printed answer, as with -p", async () => {
  for (const [args, stdin] of [[FAST, "hi"], [["hello", ...FAST], undefined]] as const) {
    const r = await petrel(freshHome(), [...args], stdin);
    expect(r.code).toBe(0);
    expect(r.out).toContain("demo agent");
    expect(r.out).not.toContain(ESC);
  }
});

test("a subcommand after flags is the subcommand, not a prompt; -- ends the flags", async () => {
  const config = await petrel(freshHome(), ["--provider", "demo", "config"]);
  expect(config.code).toBe(0);
  expect(config.out).toContain("provider");
  expect(config.out).not.toContain("demo agent");
  const sessions = await petrel(freshHome(), ["--demo-speed=5", "sessions"]);
  expect(sessions.code).toBe(2);
  expect(sessions.err).toBe("petrel: unknown option --demo-speed (see petrel --help)\n");
  expect(sessions.out).toBe("");
  const prompt = await petrel(freshHome(), ["-p", ...FAST, "--", "sessions"]);
  expect(prompt.code).toBe(0);
  expect(prompt.out).not.toContain("no saved sessions");
  expect(prompt.out.length).toBeGreaterThan(100);
});

test("a base URL that is not a URL is one line, exit 2", async () => {
  const r = await petrel(freshHome(), ["-p", "--provider", "openai", "--base-url", "notaurl", "hi"]);
  expect(r.code).toBe(2);
  expect(r.err).toBe('petrel: --base-url "notaurl" is not a URL (it starts with http:// or https://)\n');
});

test("--replay of a missing file says there is no such file", async () => {
  const r = await petrel(freshHome(), ["-p", "--replay", "/nonexistent/session.jsonl", "hi"]);
  expect(r.code).toBe(2);
  expect(r.err).toBe("petrel: --replay /nonexistent/session.jsonl: no such file\n");
});

test("-p --replay of an interrupted turn exits non-zero", async () => {
  const home = freshHome();
  const log = join(home.dir, "interrupted.jsonl");
  const lines = [
    { type: "session", version: 1, id: "x", created: new Date(0).toISOString(), provider: "demo", model: "m" },
    { type: "user", at: 0, text: "go" },
    { type: "event", t: 5, event: { type: "text_delta", text: "Half an ans" } },
    { type: "event", t: 9, event: { type: "turn_end", finishReason: "cancelled" } },
  ];
  writeFileSync(log, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  const r = await petrel(home, ["-p", "--replay", log, "--speed", "inf", "again"]);
  expect(r.out).toContain("Half an ans");
  expect(r.code).toBe(1);
});

test("--heap-snapshot with -p writes the snapshot when the answer is done", async () => {
  const home = freshHome();
  const file = join(home.dir, "p.heapsnapshot");
  const r = await petrel(home, ["-p", ...FAST, "--heap-snapshot", file, "hi"]);
  expect(r.code).toBe(0);
  expect(existsSync(file)).toBe(true);
});
