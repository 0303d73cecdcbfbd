/** Leaving the chat mid-answer: at once, with the terminal restored and one line saying how to resume. */
import { afterEach, beforeAll, expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { BINARY, Pane, RESTORED, buildBinary, terminalModes } from "./tmux.ts";

let pane: Pane | undefined;

beforeAll(buildBinary, 120_000);
afterEach(() => pane?.close());

// at 40 characters a second the demo's answer takes minutes: quitting must not wait for it
for (const [how, keys] of [
  ["/quit", (p: Pane) => p.run("/quit")],
  ["Ctrl+D", (p: Pane) => p.keys("C-d")],
] as const) {
  test(`${how} while an answer streams exits within a moment and prints how to resume`, async () => {
    const p = (pane = await Pane.open(100, 30));
    p.run(`${BINARY} --seed 3 --demo-speed 40; echo "exit=$?"`);
    await p.waitFor((s) => s.includes("Type a message"));
    p.run("Explain backpressure in streams");
    await p.waitFor((s) => s.includes("streaming"));
    keys(p);
    const screen = await p.waitFor((s) => /exit=\d/.test(s), 3000);
    expect(screen).toContain("exit=0");
    expect(terminalModes(p)).toEqual(RESTORED);
    const [file] = readdirSync(join(p.dataHome, "petrel", "sessions"));
    const id = file!.replace(/\.jsonl$/, "");
    expect(screen).toContain(`petrel --resume ${id}`);
  }, 30_000);
}
