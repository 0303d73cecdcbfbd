/**
 * `bun scripts/pty-cpu.ts [--binary PATH]`: petrel's CPU in a real terminal (tmux), the
 * two figures issue 4 asks for: while a tool-call spinner runs with a 1,000-message
 * transcript on screen, and at idle (no stream, no spinner). Reads utime+stime of the
 * petrel process from /proc, so it measures petrel alone, not tmux.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { AgentEvent } from "../src/provider/events.ts";
import { serializeRecord, type LogRecord } from "../src/provider/recording.ts";

const { values } = parseArgs({ options: { binary: { type: "string" }, seconds: { type: "string" } }, strict: true });
const root = join(import.meta.dir, "..");
const command = values.binary ?? `${process.execPath} ${join(root, "src/cli/main.ts")}`;
const seconds = Number(values.seconds ?? 10);
const SPIN_MS = (seconds * 2 + 8) * 1000;

const home = mkdtempSync(join(tmpdir(), "petrel-cpu-"));
const sessions = join(home, "data/petrel/sessions");
mkdirSync(sessions, { recursive: true });

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
writeFileSync(join(sessions, `${id}.jsonl`), [header, ...history].map(serializeRecord).join(""));
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
const replayFile = join(home, "replay.jsonl");
writeFileSync(replayFile, replay.map(serializeRecord).join(""));

const socket = `petrel-cpu-${process.pid}`;
const tmux = (...args: string[]) => Bun.spawnSync(["tmux", "-L", socket, ...args]).stdout.toString();
tmux("new-session", "-d", "-x", "120", "-y", "40", "-e", `HOME=${home}`, "-e", `XDG_DATA_HOME=${join(home, "data")}`, "bash --norc --noprofile");
tmux("send-keys", "-l", `exec ${command} --resume ${id} --replay ${replayFile} "run the tests"`);
tmux("send-keys", "Enter");

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
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const screen = tmux("capture-pane", "-p");
    if (screen.includes(needle)) return screen;
    if (Date.now() > deadline) throw new Error(`pty-cpu: "${needle}" never appeared:\n${screen}`);
    await Bun.sleep(100);
  }
}

try {
  await waitForScreen("run_command make test");
  const pid = Number(tmux("display-message", "-p", "#{pane_pid}").trim());
  await Bun.sleep(2000);
  const spinning = await sample(pid, seconds);
  const screen = tmux("capture-pane", "-p");
  await waitForScreen("All tests pass.", SPIN_MS + 30_000);
  await Bun.sleep(2000);
  const idle = await sample(pid, seconds);
  const lines = screen.split("\n").filter((l) => l.trim()).length;
  if (process.env.PTY_CPU_SHOW) console.log(screen);
  console.log(`spinner running, 1,000 messages in the transcript (${lines} rows on screen): ${spinning.toFixed(2)}% of one core`);
  console.log(`idle (no stream, no spinner):                                 ${idle.toFixed(2)}% of one core`);
  console.log(`(${seconds} s samples of utime+stime from /proc for: ${command})`);
} finally {
  tmux("kill-server");
  rmSync(home, { recursive: true, force: true });
}
