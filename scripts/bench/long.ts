/**
 * `bench --long` (or `bench long`): a 2-hour-equivalent session through petrel in a child
 * process (long-run.ts), heap sampled after a forced GC every simulated minute. Reports
 * heap growth after warm-up (target ≤ 5%) and RSS at 10,000 messages (target ≤ 150 MB),
 * with what the growth is made of: transcript text any client must keep, and petrel's
 * row caches (bounded by the tree's eviction budget).
 */
import type { BenchOptions } from "../bench.ts";
import { judge, machine, machineLine, mb, num, sig, table, targetLine, type Machine, type TargetResult } from "./format.ts";
import type { LongOptions, LongResult, LongSample } from "./long-run.ts";
import { runChild } from "./spawn.ts";

export interface LongReport {
  machine: Machine;
  quick: boolean;
  options: LongOptions;
  result: LongResult;
  /** Heap after GC at the end of warm-up and at the end. */
  heapAfterWarmup: number;
  heapEnd: number;
  growth: number;
  /** Growth per simulated hour, from a least-squares line through the post-warm-up samples. */
  slopePerHour: number;
  transcriptGrowth: number;
  cacheGrowth: number;
  /** The same session with no view: what the transcript and session alone add to the heap. */
  bare: { heapAfterWarmup: number; heapEnd: number; growth: number; rssEnd: number } | null;
  /** CPU ms per frame over the first and the last quarter of the session (post warm-up). */
  cpuPerFrame: { early: number; late: number };
  targets: TargetResult[];
}

function slope(samples: LongSample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mx = samples.reduce((s, x) => s + x.minute, 0) / n;
  const my = samples.reduce((s, x) => s + x.heap, 0) / n;
  let num = 0;
  let den = 0;
  for (const x of samples) {
    num += (x.minute - mx) * (x.heap - my);
    den += (x.minute - mx) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 60;
}

export async function run(opts: BenchOptions): Promise<LongReport> {
  const options: LongOptions = opts.quick
    ? { minutes: 12, endMessages: 1_000, rate: opts.rate, warmup: 4, minAnswer: 2048, maxAnswer: 8192 }
    : { minutes: 120, endMessages: 10_000, rate: opts.rate, warmup: 15 };
  process.stderr.write(`long: ${options.minutes} simulated minutes through petrel, ending at ${num(options.endMessages)} messages… `);
  const out = await runChild<LongResult>({ kind: "long", options }, 30 * 60_000, "off");
  process.stderr.write(`${num(out.wallMs / 1000, 1)} s\n`);
  process.stderr.write(`long: the same session with no view… `);
  let bare: LongReport["bare"] = null;
  try {
    const none = await runChild<LongResult>({ kind: "long", options: { ...options, view: "none" } }, 30 * 60_000, "off");
    process.stderr.write(`${num(none.wallMs / 1000, 1)} s\n`);
    const a = none.result.samples.find((s) => s.minute >= options.warmup) ?? none.result.samples[0]!;
    const z = none.result.samples[none.result.samples.length - 1]!;
    bare = { heapAfterWarmup: a.heap, heapEnd: z.heap, growth: z.heap / a.heap - 1, rssEnd: z.rss };
  } catch (err) {
    process.stderr.write(`FAILED\n${err instanceof Error ? err.message : String(err)}\n`);
  }
  const r = out.result;
  const after = r.samples.filter((s) => s.minute >= options.warmup);
  const first = after[0] ?? r.samples[0]!;
  const last = r.samples[r.samples.length - 1]!;
  const growth = last.heap / first.heap - 1;
  const quarter = Math.max(1, Math.floor(after.length / 4));
  const perFrame = (xs: LongSample[]) => xs.reduce((a, s) => a + s.cpuMs, 0) / Math.max(1, xs.reduce((a, s) => a + s.frames, 0));
  const report: LongReport = {
    machine: machine(),
    quick: opts.quick,
    options,
    result: r,
    heapAfterWarmup: first.heap,
    heapEnd: last.heap,
    growth,
    slopePerHour: slope(after),
    transcriptGrowth: last.transcriptChars - first.transcriptChars,
    cacheGrowth: last.cacheBytes - first.cacheBytes,
    bare,
    cpuPerFrame: { early: perFrame(after.slice(1, 1 + quarter)), late: perFrame(after.slice(-quarter)) },
    targets: [
      judge({
        name: `heap after GC, growth from minute ${first.minute} to ${last.minute}`,
        value: growth * 100,
        op: "<=",
        limit: 5,
        show: (n) => `${sig(n)}%`,
        note: opts.quick ? "quick: 12 minutes, indicative only" : undefined,
      }),
      judge({
        name: `RSS at ${num(last.messages)} messages`,
        value: last.rss,
        op: "<=",
        limit: 150 * 1024 * 1024,
        show: mb,
        note: `peak ${mb(r.rssPeak)}${opts.quick ? "; quick sizes" : ""}`,
      }),
    ],
  };
  if (!opts.json) console.log(render(report));
  return report;
}

function render(r: LongReport): string {
  const res = r.result;
  const out: string[] = [];
  out.push(
    `long — ${res.minutes} simulated minutes, one prompt a minute (reasoning, 3 tool calls, 4–40 KB answers at ${num(res.rate)} B/s), petrel only; warm-up ${r.options.warmup} min`,
  );
  out.push(`machine: ${machineLine(r.machine)}`);
  out.push(
    `streamed ${mb(res.streamed)} in ${num(res.frames)} frames, ${num(res.nodesRendered)} node renders, ${num(res.evictions)} cache evictions; CPU ${num(res.cpuMs / 1000, 1)} s (${num(res.cpuMs / (res.streamed / 1048576))} ms per streamed MB), wall ${num(res.wallMs / 1000, 1)} s, setup ${num(res.setupMs / 1000, 1)} s`,
  );
  const every = Math.max(1, Math.round(res.samples.length / 12));
  const rows = [["minute", "messages", "blocks", "heap after GC", "RSS", "row caches", "transcript text"]];
  res.samples.forEach((s, i) => {
    if (i % every !== 0 && i !== res.samples.length - 1) return;
    rows.push([String(s.minute), num(s.messages), num(s.blocks), mb(s.heap), mb(s.rss), mb(s.cacheBytes), mb(s.transcriptChars)]);
  });
  out.push(table(rows));
  out.push(
    `heap after warm-up ${mb(r.heapAfterWarmup)} → ${mb(r.heapEnd)} (${r.growth >= 0 ? "+" : ""}${num(r.growth * 100, 1)}%, trend ${mb(r.slopePerHour)}/hour); over the same span the transcript gained ${mb(r.transcriptGrowth)} of text and petrel's row caches ${mb(r.cacheGrowth)}`,
  );
  if (r.bare)
    out.push(
      `the same session with no view (transcript and session only): ${mb(r.bare.heapAfterWarmup)} → ${mb(r.bare.heapEnd)} (${r.bare.growth >= 0 ? "+" : ""}${num(r.bare.growth * 100, 1)}%), RSS at the end ${mb(r.bare.rssEnd)}; petrel's view adds ${mb(r.heapEnd - r.heapAfterWarmup - (r.bare.heapEnd - r.bare.heapAfterWarmup))} of the growth`,
    );
  out.push(`CPU per frame: ${sig(r.cpuPerFrame.early)} ms in the first quarter after warm-up, ${sig(r.cpuPerFrame.late)} ms in the last`);
  out.push("targets:");
  for (const t of r.targets) out.push(`  ${targetLine(t)}`);
  return out.join("\n");
}
