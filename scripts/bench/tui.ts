/**
 * `bench tui`: petrel against a naive and an OpenTUI-idiomatic transcript, same input,
 * same 120x40 test renderer, same simulated clock (scenario.ts). Each (strategy, history)
 * pair runs in a fresh child process under BUN_JSC_logGC=1 so its JS allocation can be
 * summed from the GC log; a harness-only run ("none": replay + session, no view) shows
 * the floor every strategy pays. petrel streams the whole answer; the baselines, far too
 * slow for that at large histories, are measured in windows spread over the stream and
 * extrapolated (figures.ts) — the report says which.
 */
import type { BenchOptions } from "../bench.ts";
import { figures, type Figures } from "./figures.ts";
import { judge, kb, machine, machineLine, mb, num, ratio, sig, table, targetLine, type Machine, type Target, type TargetResult } from "./format.ts";
import type { ScenarioResult, WindowSpec } from "./scenario.ts";
import { runChild } from "./spawn.ts";
import { HEIGHT, WIDTH, type StrategyName } from "./strategy.ts";

interface Plan {
  histories: number[];
  streamBytes: number;
  /** Window offsets as fractions of the stream, per history size. */
  fractions: (messages: number) => number[];
  /** Window size in streamed bytes, per baseline and history size. */
  windowBytes: (strategy: StrategyName, messages: number) => number;
}

const FULL: Plan = {
  histories: [10, 1_000, 10_000],
  streamBytes: 1024 * 1024,
  fractions: (m) => (m >= 10_000 ? [0, 0.5, 0.98] : [0, 0.25, 0.5, 0.75, 0.98]),
  windowBytes: (s, m) => (s === "naive" ? (m >= 10_000 ? 140 : m >= 1_000 ? 400 : 600) : m >= 10_000 ? 1200 : m >= 1_000 ? 2048 : 4096),
};

const QUICK: Plan = {
  histories: [10, 100],
  streamBytes: 48 * 1024,
  fractions: () => [0, 0.9],
  windowBytes: (s) => (s === "naive" ? 400 : 2048),
};

const ORDER: StrategyName[] = ["petrel", "naive", "idiomatic", "none"];

export interface TuiReport {
  machine: Machine;
  quick: boolean;
  rate: number;
  fps: number;
  width: number;
  height: number;
  streamBytes: number;
  calibration: { expected: number; measured: number; error: number };
  runs: Figures[];
  ratios: { messages: number; strategy: StrategyName; alloc: number; cpu: number }[];
  scaling: { strategy: StrategyName; from: number; to: number; cpuPerFrame: number; allocPerFrame: number }[];
  targets: TargetResult[];
  failures: string[];
}

function windowsFor(plan: Plan, s: StrategyName, messages: number, rate: number): "full" | WindowSpec[] {
  if (s === "petrel" || s === "none") return "full";
  const bytes = plan.windowBytes(s, messages);
  return plan.fractions(messages).map((f) => ({ at: Math.max(1, Math.round(f * plan.streamBytes)), ms: Math.round((bytes / rate) * 1000) }));
}

function label(w: "full" | WindowSpec[], rate: number): string {
  if (w === "full") return "whole stream";
  return `${w.length} windows × ${num(((w[0]?.ms ?? 0) * rate) / 1000)} B`;
}

const progress = (text: string) => process.stderr.write(text);

export async function run(opts: BenchOptions): Promise<TuiReport> {
  const plan = opts.quick ? QUICK : FULL;
  const rate = opts.rate;
  const fps = 30;
  const failures: string[] = [];
  const m = machine();

  progress(`tui: calibrating the GC-log allocation parser… `);
  const cal = await runChild<{ expected: number }>({ kind: "calibrate", objects: 200_000 }, 120_000, "exact");
  const measured = cal.alloc[0]?.bytes ?? Number.NaN;
  const calibration = { expected: cal.result.expected, measured, error: measured / cal.result.expected - 1 };
  progress(`${num(calibration.error * 100, 1)}%\n`);

  const runs: Figures[] = [];
  for (const messages of plan.histories) {
    for (const strategy of ORDER) {
      const windows = windowsFor(plan, strategy, messages, rate);
      progress(`tui: ${strategy} with ${num(messages)} messages (${label(windows, rate)})… `);
      try {
        const out = await runChild<ScenarioResult>(
          { kind: "scenario", options: { strategy, messages, streamBytes: plan.streamBytes, rate, fps, windows, nativeStats: true } },
          15 * 60_000,
          strategy === "petrel" || strategy === "none" ? "exact" : "fast",
        );
        const f = figures(out.result, out.alloc, out.wallMs, label(windows, rate));
        runs.push(f);
        progress(`${num(out.wallMs / 1000, 1)} s\n`);
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        failures.push(`${strategy} @ ${messages}: ${msg}`);
        progress(`FAILED\n${msg}\n`);
      }
    }
  }

  const find = (s: StrategyName, messages: number) => runs.find((r) => r.strategy === s && r.messages === messages);
  const ratios: TuiReport["ratios"] = [];
  for (const messages of plan.histories) {
    const p = find("petrel", messages);
    for (const s of ["naive", "idiomatic"] as const) {
      const r = find(s, messages);
      if (p && r) ratios.push({ messages, strategy: s, alloc: r.allocPerByte / p.allocPerByte, cpu: r.cpuMsPerMB / p.cpuMsPerMB });
    }
  }
  const small = plan.histories[0]!;
  const large = plan.histories[plan.histories.length - 1]!;
  const scaling: TuiReport["scaling"] = [];
  for (const s of ["petrel", "naive", "idiomatic"] as const) {
    const a = find(s, small);
    const b = find(s, large);
    if (a && b) scaling.push({ strategy: s, from: small, to: large, cpuPerFrame: b.cpuMsPerFrame / a.cpuMsPerFrame, allocPerFrame: b.allocPerFrame / a.allocPerFrame });
  }

  const targets = evaluate(plan, runs, ratios, scaling, opts.quick);
  const report: TuiReport = {
    machine: m,
    quick: opts.quick,
    rate,
    fps,
    width: WIDTH,
    height: HEIGHT,
    streamBytes: runs[0]?.streamBytes ?? plan.streamBytes,
    calibration,
    runs,
    ratios,
    scaling,
    targets,
    failures,
  };
  if (!opts.json) console.log(render(report, plan));
  return report;
}

function evaluate(plan: Plan, runs: Figures[], ratios: TuiReport["ratios"], scaling: TuiReport["scaling"], quick: boolean): TargetResult[] {
  const petrel = runs.filter((r) => r.strategy === "petrel");
  const large = plan.histories[plan.histories.length - 1]!;
  const mid = plan.histories.includes(1_000) ? 1_000 : large;
  const at = (n: number) => `${num(n)} messages`;
  const minOf = (xs: number[]) => (xs.length ? Math.min(...xs) : Number.NaN);
  const worst = (xs: { v: number; m: number }[]) => xs.reduce((a, b) => (!(b.v <= a.v) ? b : a), { v: Number.NEGATIVE_INFINITY, m: 0 });
  const lexed = worst(petrel.map((r) => ({ v: r.lexedPerByte, m: r.messages })));
  const naiveAlloc = ratios.filter((r) => r.strategy === "naive");
  const idioAlloc = ratios.filter((r) => r.strategy === "idiomatic");
  const ps = scaling.find((s) => s.strategy === "petrel");
  const pLarge = petrel.find((r) => r.messages === large);
  const cpuAt = (s: StrategyName, n: number) => ratios.find((r) => r.strategy === s && r.messages === n)?.cpu ?? Number.NaN;
  const where = (xs: { messages: number; alloc: number }[]) => {
    const m = xs.reduce((a, b) => (b.alloc < a.alloc ? b : a), xs[0] ?? { messages: 0, alloc: Number.NaN });
    return `lowest, at ${at(m.messages)}`;
  };
  const list: Target[] = [
    { name: "bytes lexed per streamed byte, petrel", value: lexed.v, op: "<=", limit: 2, note: `worst, at ${at(lexed.m)}` },
    { name: "JS bytes allocated per streamed byte, naive / petrel", value: minOf(naiveAlloc.map((r) => r.alloc)), op: ">=", limit: 50, show: ratio, note: where(naiveAlloc) },
    { name: "JS bytes allocated per streamed byte, idiomatic / petrel", value: minOf(idioAlloc.map((r) => r.alloc)), op: ">=", limit: 5, show: ratio, note: where(idioAlloc) },
    { name: `JS bytes allocated per frame, petrel, ${at(large)} / ${at(plan.histories[0]!)}`, value: ps?.allocPerFrame ?? Number.NaN, op: "<=", limit: 1.1, show: ratio, note: "\"the same\": within 10%" },
    { name: `CPU per frame, petrel, ${at(large)} / ${at(plan.histories[0]!)}`, value: ps?.cpuPerFrame ?? Number.NaN, op: "<=", limit: 1.25, show: ratio },
    { name: `CPU per streamed byte, naive / petrel, at ${at(mid)}`, value: cpuAt("naive", mid), op: ">=", limit: 50, show: ratio },
    {
      name: "CPU per streamed byte, idiomatic / petrel",
      value: minOf(ratios.filter((r) => r.strategy === "idiomatic").map((r) => r.cpu)),
      op: ">=",
      limit: 5,
      show: ratio,
      note: `lowest over ${plan.histories.map((n) => num(n)).join(", ")} messages`,
    },
    {
      name: "node renders caused by spinner ticks, petrel",
      value: petrel.reduce((s, r) => s + r.tickRenders + r.quietRenders, 0),
      op: "==",
      limit: 0,
      note: `${num(petrel.reduce((s, r) => s + r.ticks, 0))} ticks; ${num(petrel.reduce((s, r) => s + r.quietMs, 0) / 1000, 1)} s of spinner-only time`,
    },
    { name: `RSS at ${at(large)}, petrel`, value: pLarge?.rssEnd ?? Number.NaN, op: "<=", limit: 150 * 1024 * 1024, show: mb, note: pLarge ? `after the stream, GC'd; peak ${mb(pLarge.rssPeak)}` : undefined },
  ];
  if (quick) for (const t of list) t.note = `${t.note ? `${t.note}; ` : ""}quick sizes, indicative only`;
  return list.map(judge);
}

function render(r: TuiReport, plan: Plan): string {
  const out: string[] = [];
  const secs = r.streamBytes / r.rate;
  out.push(
    `tui — ${r.width}x${r.height} test renderer; ${num(r.streamBytes)} bytes streamed (reasoning, 3 tool calls, markdown) in ~20-byte chunks at ${num(r.rate)} B/s (${num(secs)} s simulated), ${r.fps} fps${r.quick ? "; QUICK sizes" : ""}`,
  );
  out.push(`machine: ${machineLine(r.machine)}`);
  out.push(
    `allocation parser check: ${mb(r.calibration.measured)} summed from the GC log for a known ${mb(r.calibration.expected)} (${r.calibration.error >= 0 ? "+" : ""}${num(r.calibration.error * 100, 1)}%)`,
  );
  for (const messages of plan.histories) {
    const cols = ORDER.map((s) => r.runs.find((x) => x.strategy === s && x.messages === messages));
    const row = (name: string, f: (x: Figures) => string) => [name, ...cols.map((c) => (c ? f(c) : "—"))];
    out.push("");
    out.push(`history: ${num(messages)} messages`);
    out.push(
      table([
        ["", "petrel", "naive", "idiomatic", "harness only"],
        row("measured over", (x) => x.measured),
        row("JS alloc / streamed byte", (x) => `${sig(x.allocPerByte)} B`),
        row("  of it estimated (heap capacity)", (x) => `${num(x.allocEstimated * 100)}%`),
        row("  + tree-sitter worker heap", (x) => (x.workerAllocPerByte > 0 ? `${sig(x.workerAllocPerByte)} B` : "0")),
        row("CPU / streamed MB", (x) => `${num(x.cpuMsPerMB)} ms`),
        row("frames painted (fps)", (x) => `${num(x.frames)} (${num(x.fps, 1)})`),
        row("nodes rendered / frame", (x) => sig(x.nodesPerFrame)),
        row("rows drawn by JS / frame", (x) => sig(x.rowsPerFrame)),
        row("spans drawn by JS / frame", (x) => sig(x.spansPerFrame)),
        row("OpenTUI paint visits / frame", (x) => sig(x.paintVisitsPerFrame)),
        row("bytes lexed / streamed byte", (x) => sig(x.lexedPerByte)),
        row("CPU / frame", (x) => `${sig(x.cpuMsPerFrame)} ms`),
        row("JS alloc / frame", (x) => kb(x.allocPerFrame)),
        row("heap after GC, start → end", (x) => `${mb(x.heapStart)} → ${mb(x.heapEnd)}`),
        row("RSS at end (peak)", (x) => `${mb(x.rssEnd)} (${mb(x.rssPeak)})`),
        row("renders in ticks / spinner-only", (x) => `${num(x.tickRenders)} / ${num(x.quietRenders)}`),
        row("setup (history + first paint)", (x) => `${num(x.setupMs / 1000, 1)} s`),
        row("wall time of the run", (x) => `${num(x.wallMs / 1000, 1)} s`),
      ]),
    );
    const rs = r.ratios.filter((x) => x.messages === messages);
    if (rs.length) out.push(`  vs petrel: ${rs.map((x) => `${x.strategy} allocates ${ratio(x.alloc)}, uses ${ratio(x.cpu)} CPU`).join("; ")}`);
  }
  out.push("");
  out.push(`scaling, per-frame cost with ${num(plan.histories[plan.histories.length - 1]!)} messages / with ${num(plan.histories[0]!)}:`);
  for (const s of r.scaling) out.push(`  ${s.strategy.padEnd(10)} CPU ${ratio(s.cpuPerFrame)}, JS alloc ${ratio(s.allocPerFrame)}`);
  out.push("");
  out.push(
    "notes: baselines measured in windows are extrapolated over the stream (per-byte and per-frame costs joined linearly between windows); the harness-only column (replay + session + simulated clock) is included in every strategy's figures; CPU is process-wide (all threads, OpenTUI's native code and tree-sitter worker included); allocation is JSC's own count per GC cycle — petrel and the harness run with stop-the-world collections and a probe that measures the last cycle exactly, the baselines with concurrent collections and their last cycle estimated from heap capacity (share shown); malloc'd string storage is only partly counted by JSC.",
  );
  out.push("");
  out.push("targets:");
  for (const t of r.targets) out.push(`  ${targetLine(t)}`);
  for (const f of r.failures) out.push(`FAILED RUN: ${f}`);
  return out.join("\n");
}
