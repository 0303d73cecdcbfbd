/**
 * `bench --long`, second part (or `bench agent-long`): an 8-hour agent session replayed
 * in simulated time — one prompt a minute, each turn six tool calls with 1–16 KB of output
 * (file reads and test runs) before a 2–8 KB answer — inside a 128k-token window, so old
 * tool output is stubbed and the conversation compacted several times. Run with petrel's
 * view and with none, each in its own process, so the view's own heap growth is the
 * difference. Targets: the view adds ≤ 1% of the heap after warm-up, the CPU per frame in
 * the last quarter is within 1.25× the first quarter's, and no request passes the window.
 */
import type { BenchOptions } from "../bench.ts";
import { judge, machine, machineLine, mb, num, sig, table, targetLine, type Machine, type TargetResult } from "./format.ts";
import type { LongOptions, LongResult, LongSample } from "./long-run.ts";
import { runChild } from "./spawn.ts";

export interface AgentLongReport {
  machine: Machine;
  quick: boolean;
  options: LongOptions;
  result: LongResult;
  bare: LongResult;
  /** Heap growth after warm-up with the view, without it, and the view's share of the final heap. */
  growth: { view: number; bare: number; viewShare: number };
  cpuPerFrame: { early: number; late: number };
  targets: TargetResult[];
}

const span = (r: LongResult, warmup: number) => {
  const first = r.samples.find((s) => s.minute >= warmup) ?? r.samples[0]!;
  const last = r.samples[r.samples.length - 1]!;
  return { first, last, growth: last.heap - first.heap };
};

export async function run(opts: BenchOptions): Promise<AgentLongReport> {
  const options: LongOptions = opts.quick
    ? {
        minutes: 24,
        endMessages: 400,
        rate: opts.rate,
        warmup: 6,
        minAnswer: 1024,
        maxAnswer: 4096,
        agent: { window: 32_000, toolCalls: 4, minOutput: 1024, maxOutput: 8192 },
      }
    : {
        minutes: 480,
        endMessages: 2_000,
        rate: opts.rate,
        warmup: 60,
        minAnswer: 2048,
        maxAnswer: 8192,
        agent: { window: 128_000, toolCalls: 6, minOutput: 1024, maxOutput: 16384 },
      };
  process.stderr.write(`agent-long: ${options.minutes} simulated minutes of an agent session through petrel… `);
  const out = await runChild<LongResult>({ kind: "long", options }, 60 * 60_000, "off");
  process.stderr.write(`${num(out.wallMs / 1000, 1)} s\nagent-long: the same session with no view… `);
  const none = await runChild<LongResult>({ kind: "long", options: { ...options, view: "none" } }, 60 * 60_000, "off");
  process.stderr.write(`${num(none.wallMs / 1000, 1)} s\n`);
  const r = out.result;
  const withView = span(r, options.warmup);
  const bare = span(none.result, options.warmup);
  const viewShare = (withView.growth - bare.growth) / withView.last.heap;
  const after = r.samples.filter((s) => s.minute > options.warmup);
  const quarter = Math.max(1, Math.floor(after.length / 4));
  const perFrame = (xs: LongSample[]) => xs.reduce((a, s) => a + s.cpuMs, 0) / Math.max(1, xs.reduce((a, s) => a + s.frames, 0));
  const cpuPerFrame = { early: perFrame(after.slice(0, quarter)), late: perFrame(after.slice(-quarter)) };
  const window = options.agent!.window;
  const note = opts.quick ? "quick: 24 minutes, indicative only" : undefined;
  const report: AgentLongReport = {
    machine: machine(),
    quick: opts.quick,
    options,
    result: r,
    bare: none.result,
    growth: { view: withView.growth, bare: bare.growth, viewShare },
    cpuPerFrame,
    targets: [
      judge({ name: `heap growth petrel's view adds from minute ${withView.first.minute} to ${withView.last.minute}, share of the heap`, value: viewShare * 100, op: "<=", limit: 1, show: (n) => `${sig(n)}%`, note }),
      judge({ name: "CPU per frame, last quarter ÷ first quarter after warm-up", value: cpuPerFrame.late / cpuPerFrame.early, op: "<=", limit: 1.25, note }),
      judge({
        name: "largest request, estimated tokens",
        value: r.maxRequestTokens ?? Number.NaN,
        op: "<=",
        limit: window,
        show: (n) => num(n),
        note: `window ${num(window)}; ${num(r.compactions ?? 0)} compactions`,
      }),
    ],
  };
  if (!opts.json) console.log(render(report));
  return report;
}

function render(rep: AgentLongReport): string {
  const r = rep.result;
  const a = rep.options.agent!;
  const out: string[] = [];
  out.push(
    `agent-long — ${r.minutes} simulated minutes, one prompt a minute: ${a.toolCalls} tool calls of ${num(a.minOutput / 1024)}–${num(a.maxOutput / 1024)} KB output, then a ${num((rep.options.minAnswer ?? 0) / 1024)}–${num((rep.options.maxAnswer ?? 0) / 1024)} KB answer at ${num(r.rate)} B/s; window ${num(a.window)} tokens; warm-up ${rep.options.warmup} min`,
  );
  out.push(`machine: ${machineLine(rep.machine)}`);
  out.push(
    `${num(r.toolCalls ?? 0)} tool calls, streamed ${mb(r.streamed)} in ${num(r.frames)} frames, ${num(r.nodesRendered)} node renders, ${num(r.evictions)} cache evictions, ${num(r.compactions ?? 0)} compactions; CPU ${num(r.cpuMs / 1000, 1)} s, wall ${num(r.wallMs / 1000, 1)} s`,
  );
  const every = Math.max(1, Math.round(r.samples.length / 12));
  const rows = [["minute", "messages", "blocks", "heap (view)", "heap (none)", "row caches", "largest request", "compactions"]];
  r.samples.forEach((s, i) => {
    if (i % every !== 0 && i !== r.samples.length - 1) return;
    const bare = rep.bare.samples[i];
    rows.push([String(s.minute), num(s.messages), num(s.blocks), mb(s.heap), bare ? mb(bare.heap) : "", mb(s.cacheBytes), s.requestTokens ? num(s.requestTokens) : "", num(s.compactions ?? 0)]);
  });
  out.push(table(rows));
  out.push(
    `heap growth after warm-up: ${mb(rep.growth.view)} with the view, ${mb(rep.growth.bare)} without (the transcript itself); the view's share ${sig(rep.growth.viewShare * 100)}% of the final heap`,
  );
  out.push(`CPU per frame: ${sig(rep.cpuPerFrame.early)} ms in the first quarter after warm-up, ${sig(rep.cpuPerFrame.late)} ms in the last`);
  out.push("targets:");
  for (const t of rep.targets) out.push(`  ${targetLine(t)}`);
  return out.join("\n");
}
