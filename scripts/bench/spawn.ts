/**
 * Runs one job of child.ts in a fresh Bun process under BUN_JSC_logGC=1 and returns its
 * result with the allocation windows parsed from its GC log.
 */
import { fileURLToPath } from "node:url";
import { parseGcLog, type AllocWindow } from "./alloc.ts";
import type { LongOptions } from "./long-run.ts";
import type { ScenarioOptions } from "./scenario.ts";

const CHILD = fileURLToPath(new URL("./child.ts", import.meta.url));
export const RESULT_MARK = "@@result ";

export type ChildJob =
  | { kind: "scenario"; options: ScenarioOptions }
  | { kind: "calibrate"; objects: number }
  | { kind: "long"; options: LongOptions };

/**
 * How a child's allocation is measured (alloc.ts):
 * - "exact": the GC log, collections only when the allocator asks for one (JSC's eden/full
 *   activity timers and Bun's GC timer off), so every collection inside a window comes
 *   with JSC's exact "bytes allocated this cycle"; collections on the mutator thread (not
 *   concurrent), so none is still running when a window closes and the probe measures
 *   its last cycle exactly. For petrel and the harness, whose figures are compared to 1%.
 * - "fast": the same without the probe and with concurrent collections, for the
 *   baselines: their big heaps make stop-the-world collections and the probe slow, and
 *   their last cycle is estimated from heap capacity (the report says how much).
 * - "off": no GC log (the long session, which samples the heap itself).
 * CPU is measured in the same run: it includes collections as the allocator schedules them.
 */
export type GcMode = "exact" | "fast" | "off";

const FAST_ENV: Record<string, string> = {
  BUN_JSC_logGC: "1",
  BUN_JSC_percentCPUPerMBForEdenTimer: "0",
  BUN_JSC_collectionTimerMaxPercentCPU: "0",
  BUN_GC_TIMER_DISABLE: "1",
};

const GC_ENV: Record<Exclude<GcMode, "off">, Record<string, string>> = {
  fast: FAST_ENV,
  exact: { ...FAST_ENV, BUN_JSC_useConcurrentGC: "0", BENCH_ALLOC_PROBE: "1" },
};

export class ChildFailed extends Error {
  override name = "ChildFailed";
}

export interface ChildOutput<T> {
  result: T;
  alloc: AllocWindow[];
  wallMs: number;
}

export async function runChild<T>(job: ChildJob, timeoutMs: number, mode: GcMode = "exact"): Promise<ChildOutput<T>> {
  const t0 = performance.now();
  const logGc = mode !== "off";
  const env: Record<string, string | undefined> = { ...process.env };
  for (const k of ["BUN_JSC_logGC", "BUN_JSC_useConcurrentGC", "BENCH_ALLOC_PROBE"]) delete env[k];
  if (mode !== "off") Object.assign(env, GC_ENV[mode]);
  const proc = Bun.spawn([process.execPath, CHILD, JSON.stringify(job)], { env, stdout: "pipe", stderr: "pipe" });
  const timer = setTimeout(() => proc.kill("SIGKILL"), timeoutMs);
  const [out, err] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
  const code = await proc.exited;
  clearTimeout(timer);
  const line = out.split("\n").find((l) => l.startsWith(RESULT_MARK));
  if (code !== 0 || !line) {
    const tail = err
      .split("\n")
      .filter((l) => !l.startsWith("[GC<") && !l.startsWith("GC END") && !l.startsWith("Requesting GC") && !l.startsWith("@@bench"))
      .slice(-15)
      .join("\n");
    const why = proc.signalCode === "SIGKILL" ? `timed out after ${Math.round(timeoutMs / 1000)} s` : `exit ${code}`;
    throw new ChildFailed(`bench child (${job.kind}) failed: ${why}\n${tail}`);
  }
  return { result: JSON.parse(line.slice(RESULT_MARK.length)) as T, alloc: logGc ? parseGcLog(err) : [], wallMs: performance.now() - t0 };
}
