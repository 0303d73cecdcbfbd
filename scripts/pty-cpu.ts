/**
 * `bun scripts/pty-cpu.ts [--binary PATH]`: petrel's CPU in a real terminal (tmux), the
 * two figures issue 4 asks for: while a tool-call spinner runs with a 1,000-message
 * transcript on screen, and at idle (no stream, no spinner). Reads utime+stime of the
 * petrel process from /proc, so it measures petrel alone, not tmux.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { AgentEvent } from "../src/provider/events.ts";
import { serializeRecord, type LogRecord } from "../src/provider/recording.ts";
import { Pane } from "../tests/e2e/tmux.ts";

const { values } = parseArgs({ options: { binary: { type: "string" }, seconds: { type: "string" } }, strict: true });
const root = join(import.meta.dir, "..");
const command = values.binary ?? `${process.execPath} ${join(root, "src/cli/main.ts")}`;
const seconds = Number(values.seconds ?? 10);
const SPIN_MS = (seconds * 2 + 8) * 1000;

// 500 turns = 1,000 messages of history, then a turn whose tool call runs for SPIN_MS
const history: LogRecord[] = [];
for (let i = 0; i < 500; i++) {
  history.push({ type: "user", at: 1_700_000_000_000 + i * 60_000, text: `Question ${i}: how does part ${i} work?` });
  const answer = `## Part ${i}\n\nIt keeps **state** in a \`Map\` and flushes every ${i} ms.\n\n- first point about ${i}\n- second point\n\n\`\`\`ts\nconst x${i} = compute(${i});\n\`\`\`\n`;
  for (const event of [{ type: "turn_start" }, { type: "text_delta", text: answer }, { type: "turn_end", finishReason: "stop" }] as AgentEvent[]) {
    history.push({ type: "event", t: 10, event });
  }
}
const id = "cpu-probe";
const header: LogRecord = { type: "session", version: 1, id, created: new Date().toISOString(), provider: "replay", model: "recording" };
const spin: AgentEvent[] = [
  { type: "turn_start" },
  { type: "tool_call_start", id: "t1", name: "run_command" },
  { type: "tool_call_end", id: "t1", args: { command: "make test" } },
];
const replay = [...history, { type: "user", at: 0, text: "run the tests" } as LogRecord];
for (const event of spin) replay.push({ type: "event", t: 100, event });
replay.push({ type: "event", t: SPIN_MS, event: { type: "tool_result", id: "t1", output: "ok" } });
replay.push({ type: "event", t: SPIN_MS + 10, event: { type: "text_delta", text: "All tests pass." } });
replay.push({ type: "event", t: SPIN_MS + 20, event: { type: "turn_end", finishReason: "stop" } });

const ticks = 100; // USER_HZ on Linux
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / ticks;
}
async function sample(pid: number, secs: number): Promise<number> {
  const c0 = cpuSeconds(pid);
  const t0 = performance.now();
  await Bun.sleep(secs * 1000);
  return ((cpuSeconds(pid) - c0) / ((performance.now() - t0) / 1000)) * 100;
}
async function waitForScreen(needle: string, timeoutMs = 30_000): Promise<string> {
  try {
    return await pane.waitFor((screen) => screen.includes(needle), timeoutMs);
  } catch (err) {
    throw new Error(`pty-cpu: "${needle}" never appeared: ${err instanceof Error ? err.message : String(err)}`);
  }
}

// a 120x40 pane running a bare shell, in an empty temporary HOME
const pane = await Pane.open(120, 40);
try {
  const sessions = join(pane.dataHome, "petrel/sessions");
  mkdirSync(sessions, { recursive: true });
  writeFileSync(join(sessions, `${id}.jsonl`), [header, ...history].map(serializeRecord).join(""));
  const replayFile = join(pane.home, "replay.jsonl");
  writeFileSync(replayFile, replay.map(serializeRecord).join(""));
  pane.run(`exec ${command} --resume ${id} --replay ${replayFile} "run the tests"`);

  await waitForScreen("run_command make test");
  // `exec`: the pane's shell process is petrel now
  const pid = Number(pane.info("#{pane_pid}"));
  await Bun.sleep(2000);
  const spinning = await sample(pid, seconds);
  const screen = pane.capture();
  await waitForScreen("All tests pass.", SPIN_MS + 30_000);
  await Bun.sleep(2000);
  const idle = await sample(pid, seconds);
  const lines = screen.split("\n").filter((l) => l.trim()).length;
  if (process.env.PTY_CPU_SHOW) console.log(screen);
  console.log(`spinner running, 1,000 messages in the transcript (${lines} rows on screen): ${spinning.toFixed(2)}% of one core`);
  console.log(`idle (no stream, no spinner):                                 ${idle.toFixed(2)}% of one core`);
  console.log(`(${seconds} s samples of utime+stime from /proc for: ${command})`);
} finally {
  pane.close();
}
