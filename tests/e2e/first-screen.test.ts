import { afterEach, beforeAll, expect, test } from "bun:test";
import { readFileSync, statSync } from "node:fs";
import { BINARY, Pane, RESTORED, buildBinary, terminalModes } from "./tmux.ts";

let pane: Pane | undefined;

beforeAll(buildBinary, 120_000);
afterEach(() => pane?.close());

async function openApp(): Promise<Pane> {
  pane = await Pane.open(100, 30);
  pane.run(`${BINARY}; echo "exit=$?"`);
  await pane.waitFor((s) => s.includes("Message petrel"));
  return pane;
}

test("the first screen shows a transcript, a composer and a status line", async () => {
  const p = await openApp();
  const screen = p.capture();
  const lines = screen.split("\n");
  expect(screen).toContain("Message petrel");
  expect(lines.some((l) => /demo/.test(l))).toBe(true);
  expect(p.info("#{alternate_on}")).toBe("1");
}, 30_000);

test("Ctrl+C twice quits and restores the terminal", async () => {
  const p = await openApp();
  p.keys("C-c");
  await p.waitFor((s) => s.includes("Ctrl+C again to quit"));
  p.keys("C-c");
  const screen = await p.waitFor((s) => /exit=\d/.test(s));
  expect(screen).toContain("exit=0");
  expect(terminalModes(p)).toEqual(RESTORED);
}, 30_000);

for (const [signal, code] of [["SIGTERM", 143], ["SIGHUP", 129]] as const) {
  test(`${signal} quits and restores the terminal`, async () => {
    const p = await openApp();
    const pid = await p.childPid("petrel-linux-x64");
    process.kill(pid, signal);
    const screen = await p.waitFor((s) => /exit=\d/.test(s));
    expect(screen).toContain(`exit=${code}`);
    expect(terminalModes(p)).toEqual(RESTORED);
  }, 30_000);
}

test("an uncaught exception restores the terminal and reports the error", async () => {
  pane = await Pane.open(100, 30);
  pane.run(`PETREL_TEST_CRASH=1 ${BINARY}; echo "exit=$?"`);
  const screen = await pane.waitFor((s) => /exit=\d/.test(s));
  expect(screen).toContain("crash requested by PETREL_TEST_CRASH");
  expect(screen).toContain("exit=1");
  expect(terminalModes(pane)).toEqual(RESTORED);
}, 30_000);

test("SIGUSR2 writes a heap snapshot to the data folder and says where; --heap-snapshot writes one on exit", async () => {
  pane = await Pane.open(120, 30);
  const onExit = `${pane.home}/exit.heapsnapshot`;
  pane.run(`${BINARY} --heap-snapshot ${onExit}; echo "exit=$?"`);
  await pane.waitFor((s) => s.includes("Message petrel"));
  const pid = await pane.childPid("petrel-linux-x64");
  process.kill(pid, "SIGUSR2");
  const screen = await pane.waitFor((s) => s.includes("Heap snapshot written to"), 20_000);
  const path = /Heap snapshot written to (\S+?\.heapsnapshot)/.exec(screen.replace(/\n/g, ""))![1]!;
  expect(path.startsWith(`${pane.home}/.local/share/petrel/heap/`)).toBe(true);
  const snapshot = JSON.parse(readFileSync(path, "utf8"));
  expect(snapshot.snapshot.meta.node_fields).toContain("name");
  pane.keys("C-d");
  await pane.waitFor((s) => /exit=\d/.test(s), 20_000);
  expect(statSync(onExit).size).toBeGreaterThan(1000);
  expect(JSON.parse(readFileSync(onExit, "utf8")).snapshot).toBeDefined();
}, 60_000);
