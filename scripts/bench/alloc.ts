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
 * Capacity undercounts when new objects reuse freed cells, so the child runs with JSC's
 * and Bun's GC timers off (spawn.ts GC_ENV): then every collection inside the window is
 * requested by the allocator and exact, and the last, unfinished cycle is measured by a
 * probe after the end marker (`probeTail`). `estimated` says how much fell back to
 * capacity (a collection nobody requested, or a probe that saw too few collections).
 * `process.memoryUsage()` and `heapStats()` only move after a GC, so they cannot do this.
 * Several heaps (workers) may log to the same stream; lines carry the heap's address, and
 * only the heap that logged the forced collection right after the begin marker counts.
 * `calibrate()` checks the parser against a known allocation.
 */
import { heapSize } from "bun:jsc";
import { writeSync } from "node:fs";

export const BEGIN_MARK = "@@bench-alloc-begin";
export const END_MARK = "@@bench-alloc-end";
const PROBE_MARK = "@@bench-alloc-probe ";

const HEAP = /^\[GC<(0x[0-9a-f]+)>/;
const START = /: START \S+ (\d+)kb => (\w+)/;
const END = /=> (\d+)kb, p=/;
const SWEEP = /: Full sweep: \d+kb => (\d+)kb/;
const REQUEST = /^Requesting GC because bytes allocated this cycle: (\d+)/;

export interface AllocWindow {
  /** Bytes allocated by the main JS heap between the markers. */
  bytes: number;
  /** Part of `bytes` estimated from heap capacity (cycles JSC did not report exactly). */
  estimated: number;
  /** Collections that ran inside the window (the closing forced one included). */
  collections: number;
  /** Bytes other heaps (workers) allocated, by the same rule, when they logged. */
  otherHeaps: number;
}

/**
 * Sums every BEGIN…END window of `log` (the child's stderr), as written by
 * `beginAllocWindow` / `endAllocWindow`.
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
  /** Probe units allocated so far, and the allocator's requests seen during the probe. */
  let units = 0;
  let probe: Probe[] = [];
  const pending: { window: AllocWindow; probe: Probe[]; capacityTail: number }[] = [];

  for (const line of log.split("\n")) {
    if (line.startsWith(PROBE_MARK)) {
      units = Number(line.slice(PROBE_MARK.length));
      continue;
    }
    if (line.includes(BEGIN_MARK)) {
      current = { bytes: 0, estimated: 0, collections: 0, otherHeaps: 0 };
      closing = false;
      main = lastFull;
      continue;
    }
    if (line.includes(END_MARK)) {
      closing = true;
      units = 0;
      probe = [];
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
      if (current && heap !== main) {
        const prev = lastEnd.get(heap);
        current.otherHeaps += requested ?? (prev === undefined ? 0 : Math.max(0, capacityKb - prev) * 1024);
      } else if (current && !closing) {
        const prev = lastEnd.get(heap);
        const grew = requested ?? (prev === undefined ? 0 : Math.max(0, capacityKb - prev) * 1024);
        current.bytes += grew;
        if (requested === null) current.estimated += grew;
        current.collections++;
      } else if (current && requested !== null) {
        // a collection the probe's allocation asked for (see `probeTail`)
        probe.push({ bytes: requested, units });
      } else if (current && kind === "FullCollection") {
        // the closing forced collection: the window's last cycle, from the probe if it ran
        const prev = lastEnd.get(heap);
        const capacityTail = prev === undefined ? 0 : Math.max(0, capacityKb - prev) * 1024;
        current.collections++;
        windows.push(current);
        pending.push({ window: current, probe, capacityTail });
        current = null;
        closing = false;
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
  // the size of a probe unit: from cycles made of probe units only, over the whole log
  let unitBytes = 0;
  let unitCount = 0;
  for (const { probe: p } of pending)
    for (let i = 1; i < p.length; i++)
      if (p[i]!.units > p[i - 1]!.units) {
        unitBytes += p[i]!.bytes;
        unitCount += p[i]!.units - p[i - 1]!.units;
      }
  const unit = unitCount > 0 ? unitBytes / unitCount : Number.NaN;
  for (const { window, probe: p, capacityTail } of pending) {
    const first = p[0];
    if (first && first.units === 0) window.bytes += first.bytes;
    else if (first && Number.isFinite(unit)) window.bytes += Math.max(0, first.bytes - first.units * unit);
    else {
      window.bytes += capacityTail;
      window.estimated += capacityTail;
    }
  }
  return windows;
}

interface Probe {
  /** "bytes allocated this cycle" of a collection the probe's allocation asked for. */
  bytes: number;
  /** Probe units allocated when it asked. */
  units: number;
}

/** Opens a measured window: full GC, then the marker (the child writes to stderr). */
export function beginAllocWindow(): void {
  Bun.gc(true);
  writeSync(2, `${BEGIN_MARK}\n`);
}

/** Closes a measured window: the marker, the probe for its last cycle, then a full GC. */
export function endAllocWindow(): void {
  writeSync(2, `${END_MARK}\n`);
  if (probing) probeTail();
  Bun.gc(true);
}

/** Set by spawn.ts in its "exact" mode (collections not concurrent, so the probe counts cleanly). */
const probing = process.env.BENCH_ALLOC_PROBE === "1";

const PROBE_UNITS_MAX = 400_000;
/** Units between two numbered lines: the tail is known to within this many units (~10 KB each). */
const PROBE_STRIDE = 4;
const ring: unknown[] = new Array(64).fill(null);

/**
 * The window's last cycle ended with no collection, so JSC never said how much it
 * allocated. Keep allocating in equal units, numbering them on stderr, until the
 * allocator has asked for two collections (four ends seen: some may belong to collections
 * already running when the window closed): the first request's "bytes allocated this
 * cycle" is the window's tail plus the units before it, and the second cycle, all units,
 * gives the size of a unit. A finished collection shows as a change of `heapSize()`
 * (JSC's heap size only moves when a collection ends).
 */
function probeTail(): void {
  let size = heapSize();
  let seen = 0;
  for (let i = 1; i <= PROBE_UNITS_MAX; i++) {
    const unit = new Array<unknown>(256);
    for (let j = 0; j < 256; j++) unit[j] = { j };
    ring[i & 63] = unit;
    if (i % PROBE_STRIDE === 0) writeSync(2, `${PROBE_MARK}${i}\n`);
    const now = heapSize();
    if (now === size) continue;
    size = now;
    if (++seen >= 4) break;
  }
  ring.fill(null);
}

export const loggingGc = process.env.BUN_JSC_logGC === "1";
