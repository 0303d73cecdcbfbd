/**
 * The compiled binary with the demo agent in a real terminal (tmux): a whole session
 * from prompt to quit, checking the screen at each step.
 */
import { afterEach, beforeAll, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { BINARY, Pane, RESTORED, buildBinary, terminalModes } from "./tmux.ts";

let pane: Pane | undefined;

beforeAll(buildBinary, 120_000);
afterEach(() => pane?.close());

function rows(screen: string): string[] {
  return screen.replace(/\n$/, "").split("\n");
}

/** Every row fits the pane, and the status line sits at the bottom. */
function expectWellFormed(screen: string, width: number): void {
  const lines = rows(screen);
  for (const line of lines) expect(Bun.stringWidth(line)).toBeLessThanOrEqual(width);
  expect(lines[lines.length - 1]).toContain("demo · petrel-demo");
}

function firstContentLine(screen: string): string {
  return rows(screen).find((l) => l.trim().length > 0) ?? "";
}

test("a demo session: prompt, streaming answer, scroll, resize twice mid-stream, Esc, quit", async () => {
  const p = (pane = await Pane.open(100, 30));
  p.run(`${BINARY} --seed 3 --demo-speed 120; echo "exit=$?"`);
  let screen = await p.waitFor((s) => s.includes("Type a message"));
  expectWellFormed(screen, 100);
  expect(screen).toContain("built-in demo agent");

  p.run("Explain backpressure in streams");
  screen = await p.waitFor((s) => s.includes("› Explain backpressure in streams") && /Thinking…|Thought for/.test(s));
  expect(screen).toContain("streaming");
  // the tool call runs with a spinner, then finishes with a tick and a result preview
  screen = await p.waitFor((s) => /✓ search .*undici/.test(s), 20_000);
  expect(screen).toContain("⎿");
  expect(screen).toMatch(/▸ Thought for \d+s/);
  screen = await p.waitFor((s) => s.includes("Backpressure, briefly"), 20_000);
  expectWellFormed(screen, 100);
  // wait for enough answer to scroll
  screen = await p.waitFor((s) => s.includes("In web streams"), 30_000);

  p.keys("PPage");
  const up = await p.waitFor((s) => firstContentLine(s).startsWith("› Explain backpressure"));
  expectWellFormed(up, 100);
  const marker = await p.waitFor((s) => s.includes("new output below"), 15_000);
  expect(firstContentLine(marker)).toBe(firstContentLine(up));
  p.keys("End");
  screen = await p.waitFor((s) => !s.includes("new output below") && !firstContentLine(s).startsWith("› Explain"));
  expectWellFormed(screen, 100);

  p.tmux("resize-window", "-x", "72", "-y", "22");
  screen = await p.waitFor((s) => rows(s).length === 22 && rows(s)[21]!.includes("demo"));
  expectWellFormed(screen, 72);
  p.tmux("resize-window", "-x", "120", "-y", "34");
  screen = await p.waitFor((s) => rows(s).length === 34 && rows(s)[33]!.includes("demo"));
  expectWellFormed(screen, 120);
  expect(screen).toContain("streaming");

  p.keys("Escape");
  screen = await p.waitFor((s) => s.includes("interrupted") && s.includes("ready"));
  expectWellFormed(screen, 120);
  const frozen = screen;
  await Bun.sleep(600);
  expect(p.capture()).toBe(frozen);

  p.keys("C-c");
  await p.waitFor((s) => s.includes("Ctrl+C again to quit"));
  p.keys("C-c");
  screen = await p.waitFor((s) => /exit=\d/.test(s));
  expect(screen).toContain("exit=0");
  expect(terminalModes(p)).toEqual(RESTORED);
}, 90_000);

test("Ctrl+D on an empty input quits and restores the terminal", async () => {
  const p = (pane = await Pane.open(100, 30));
  p.run(`${BINARY}; echo "exit=$?"`);
  await p.waitFor((s) => s.includes("Type a message"));
  p.keys("C-d");
  const screen = await p.waitFor((s) => /exit=\d/.test(s));
  expect(screen).toContain("exit=0");
  expect(terminalModes(p)).toEqual(RESTORED);
}, 30_000);

test("Ctrl+Y copies the last answer's markdown source through OSC 52", async () => {
  const p = (pane = await Pane.open(100, 30));
  const raw = `${p.home}/pane-output`;
  p.run(`${BINARY} --seed 1 --demo-speed 20000; echo "exit=$?"`);
  await p.waitFor((s) => s.includes("Type a message"));
  p.run("hello");
  await p.waitFor((s) => s.includes("ready") && /↓[1-9]/.test(s), 20_000);
  // what petrel writes to the terminal, before tmux interprets it
  p.tmux("pipe-pane", "-O", `cat > ${raw}`);
  await Bun.sleep(300);
  p.keys("C-y");
  await p.waitFor((s) => s.includes("Sent the last answer to the terminal clipboard"));
  p.keys("C-d");
  await p.waitFor((s) => /exit=\d/.test(s));
  const written = readFileSync(raw, "latin1");
  const osc = /\]52;c;([A-Za-z0-9+/=]+)/.exec(written);
  expect(osc).not.toBeNull();
  const copied = Buffer.from(osc![1]!, "base64").toString("utf8");
  expect(copied.length).toBeGreaterThan(20);
  expect(copied).not.toContain("\x1b");
  // markdown source, not rendered rows: the answer's markup is still there
  expect(copied).toMatch(/\*\*|`|^#/m);
}, 60_000);

test("under tmux's default settings plus set-clipboard on, Ctrl+Y lands in tmux's paste buffer", async () => {
  const p = (pane = await Pane.open(100, 30));
  // no allow-passthrough: a copy wrapped in tmux pass-through would be dropped here
  p.tmux("set-option", "-g", "set-clipboard", "on");
  p.run(`${BINARY} --seed 1 --demo-speed 20000; echo "exit=$?"`);
  await p.waitFor((s) => s.includes("Type a message"));
  p.run("hello");
  await p.waitFor((s) => s.includes("ready") && /↓[1-9]/.test(s), 20_000);
  p.keys("C-y");
  await p.waitFor((s) => s.includes("Sent the last answer to the terminal clipboard"));
  const buffer = p.tmux("show-buffer");
  expect(buffer.length).toBeGreaterThan(20);
  expect(buffer).toMatch(/\*\*|`|^#/m);
  p.keys("C-d");
  await p.waitFor((s) => /exit=\d/.test(s));
}, 60_000);
