/** The README's heap-snapshot signal command works with several petrels running. */
import { afterEach, beforeAll, expect, test } from "bun:test";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { BINARY, Pane, buildBinary } from "./tmux.ts";

const panes: Pane[] = [];

beforeAll(buildBinary, 120_000);
afterEach(() => panes.splice(0).forEach((p) => p.close()));

test("pkill -USR2 -x petrel: each running petrel writes a heap snapshot and says where", async () => {
  for (let i = 0; i < 2; i++) {
    const p = await Pane.open(100, 20);
    panes.push(p);
    // installed as the README says, the binary is called petrel
    const bin = join(p.home, "petrel");
    symlinkSync(BINARY, bin);
    p.run(bin);
    await p.waitFor((s) => s.includes("Type a message"));
  }
  // -P keeps the signal to this test's own shells (other petrels on the machine are not ours to signal)
  const shells = panes.map((p) => p.info("#{pane_pid}")).join(",");
  const pkill = Bun.spawnSync(["pkill", "-USR2", "-x", "petrel", "-P", shells]);
  expect(pkill.exitCode).toBe(0);
  for (const p of panes) {
    const screen = await p.waitFor((s) => s.includes("Heap snapshot written to"), 20_000);
    expect(screen).toContain(join(p.dataHome, "petrel", "heap"));
    p.keys("C-d");
  }
}, 60_000);
