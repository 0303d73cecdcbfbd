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
 * The GC log, and collections only when the allocator asks for one: JSC's eden/full
 * activity timers and Bun's GC timer are off, so every collection inside a measured
 * window is preceded by JSC's exact "bytes allocated this cycle", and collections run
 * on the mutator thread (not concurrently), so none is still running when a window
 * closes and the probe for its last cycle counts cleanly (alloc.ts). CPU is measured in
 * the same run: it includes collections as the allocator schedules them.
 */
export const GC_ENV = {
  BUN_JSC_logGC: "1",
  BUN_JSC_useConcurrentGC: "0",
  BUN_JSC_percentCPUPerMBForEdenTimer: "0",
  BUN_JSC_collectionTimerMaxPercentCPU: "0",
  BUN_GC_TIMER_DISABLE: "1",
};

export class ChildFailed extends Error {
  override name = "ChildFailed";
}

export interface ChildOutput<T> {
  result: T;
  alloc: AllocWindow[];
  wallMs: number;
}

export async function runChild<T>(job: ChildJob, timeoutMs: number, logGc = true): Promise<ChildOutput<T>> {
  const t0 = performance.now();
  const env: Record<string, string | undefined> = { ...process.env };
  if (logGc) Object.assign(env, GC_ENV);
  else delete env.BUN_JSC_logGC;
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
