/**
 * Child process entry: runs one scenario (or the allocation calibration) and prints its
 * result as one `@@result {json}` line on stdout. The parent starts it with
 * BUN_JSC_logGC=1 and reads the GC log from stderr (alloc.ts), so each strategy is
 * measured in a fresh process with nothing else on its heap.
 */
import { writeSync } from "node:fs";
import { heapStats } from "bun:jsc";
import { beginAllocWindow, endAllocWindow } from "./alloc.ts";
import { runLong } from "./long-run.ts";
import { runScenario } from "./scenario.ts";
import { RESULT_MARK, type ChildJob } from "./spawn.ts";

/** A known allocation: `objects` records kept alive, sized by the heap after a GC. */
function calibrate(objects: number): { expected: number } {
  const keep: unknown[] = new Array(objects).fill(null);
  Bun.gc(true);
  const before = heapStats().heapSize;
  beginAllocWindow();
  for (let i = 0; i < objects; i++) keep[i] = { a: i, b: i * 0.5, c: [i, i + 1, i + 2] };
  endAllocWindow();
  const expected = heapStats().heapSize - before;
  if (keep.length !== objects) throw new Error("unreachable");
  return { expected };
}

const job = JSON.parse(process.argv[2] ?? "null") as ChildJob | null;
if (!job) throw new Error("usage: bun scripts/bench/child.ts JOB_JSON");
let result: unknown;
if (job.kind === "calibrate") result = calibrate(job.objects);
else if (job.kind === "long") result = await runLong(job.options);
else result = await runScenario(job.options);
writeSync(1, `${RESULT_MARK}${JSON.stringify(result)}\n`);
process.exit(0);
