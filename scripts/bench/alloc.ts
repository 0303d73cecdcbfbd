/**
 * JS allocation measured from JSC's own GC log (DESIGN.md "Measuring", OPENTUI.md):
 * a process started with BUN_JSC_logGC=1 prints a line per collection to stderr. The
 * measured phase is bracketed by markers, with a forced full GC on each side, and the
 * bytes allocated inside it are summed cycle by cycle:
 *
 * - a collection the allocator asked for is preceded by
 *   `Requesting GC because bytes allocated this cycle: N …` — N is exact;
 * - any other collection (the forced one at the end) only shows the heap's capacity at
 *   `START`; the growth since the previous collection ended (`=> Xkb, p=` or, after a
 *   full sweep, `Full sweep: A => Bkb`) is what was allocated in between.
 *
 * `process.memoryUsage()` and `heapStats()` only move after a GC, so they cannot do this.
 * Several heaps (workers) may log to the same stream; lines carry the heap's address, and
 * only the heap that logged the forced collection right after the begin marker counts.
 * `calibrate()` checks the parser against a known allocation.
 */
import { writeSync } from "node:fs";

export const BEGIN_MARK = "@@bench-alloc-begin";
export const END_MARK = "@@bench-alloc-end";

const HEAP = /^\[GC<(0x[0-9a-f]+)>/;
const START = /: START \S+ (\d+)kb => (\w+)/;
const END = /=> (\d+)kb, p=/;
const SWEEP = /: Full sweep: \d+kb => (\d+)kb/;
const REQUEST = /^Requesting GC because bytes allocated this cycle: (\d+)/;

export interface AllocWindow {
  /** Bytes allocated by the main JS heap between the markers. */
  bytes: number;
  /** Collections that ran inside the window (the closing forced one included). */
  collections: number;
  /** Bytes other heaps (workers) allocated, by the same rule, when they logged. */
  otherHeaps: number;
}

/**
 * Sums every BEGIN…END window of `log` (the child's stderr). Windows must each open with
 * `Bun.gc(true)` before the begin marker and close with `Bun.gc(true)` after the end marker.
 */
export function parseGcLog(log: string): AllocWindow[] {
  const windows: AllocWindow[] = [];
  /** The heap of the last forced (full) collection: the one before the begin marker is main. */
  let lastFull: string | null = null;
  let main: string | null = null;
  /** Heap capacity (kB) after each heap's last collection. */
  const lastEnd = new Map<string, number>();
  let current: AllocWindow | null = null;
  let closing = false;
  let requested: number | null = null;

  for (const line of log.split("\n")) {
    if (line.includes(BEGIN_MARK)) {
      current = { bytes: 0, collections: 0, otherHeaps: 0 };
      closing = false;
      main = lastFull;
      continue;
    }
    if (line.includes(END_MARK)) {
      closing = true;
      continue;
    }
    const req = REQUEST.exec(line);
    if (req) {
      requested = Number(req[1]);
      continue;
    }
    const heap = HEAP.exec(line)?.[1];
    if (!heap) continue;
    const start = START.exec(line);
    if (start) {
      const capacityKb = Number(start[1]);
      const kind = start[2]!;
      if (current) {
        const prev = lastEnd.get(heap);
        const grew = requested ?? (prev === undefined ? 0 : Math.max(0, capacityKb - prev) * 1024);
        if (heap === main) {
          current.bytes += grew;
          current.collections++;
          if (closing && kind === "FullCollection") {
            windows.push(current);
            current = null;
            closing = false;
          }
        } else current.otherHeaps += grew;
      }
      if (kind === "FullCollection") lastFull = heap;
      requested = null;
    }
    const sweep = SWEEP.exec(line);
    if (sweep) {
      lastEnd.set(heap, Number(sweep[1]));
      continue;
    }
    const end = END.exec(line);
    if (end) lastEnd.set(heap, Number(end[1]));
  }
  return windows;
}

/** Opens a measured window: full GC, then the marker (the child writes to stderr). */
export function beginAllocWindow(): void {
  Bun.gc(true);
  writeSync(2, `${BEGIN_MARK}\n`);
}

export function endAllocWindow(): void {
  writeSync(2, `${END_MARK}\n`);
  Bun.gc(true);
}

export const loggingGc = process.env.BUN_JSC_logGC === "1";
