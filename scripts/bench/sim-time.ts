/**
 * ONE simulated time source for everything that waits in a benchmark run: the replay
 * provider and the session (provider Clock: `sleep`), petrel's frame loop (view Timers:
 * `set`/`clear`), the baselines' own timers, and OpenTUI's renderer (its `clock` option:
 * frame pacing under `maxFps`). Nothing moves until `advance` is called, so an hour of
 * streaming runs as fast as the code under test allows.
 *
 * Semantics follow src/provider/clock.ts ManualClock: due timers fire in deadline order
 * (ties in the order they were set), and after each one the event loop gets a macrotask
 * turn, so a promise chain woken by a sleep (the replay generator → session pump) and a
 * frame the renderer queued with setImmediate both run at the simulated instant they
 * belong to, before later deadlines are considered.
 */
import type { Clock as OpenTuiClock, TimerHandle } from "@opentui/core";
import { abortError, type Clock } from "../../src/provider/clock.ts";
import type { Timers } from "../../src/view/frame-loop.ts";

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  /** Re-armed after firing (setInterval). */
  every: number;
  cancelled: boolean;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class SimTime implements Clock, Timers, OpenTuiClock {
  private time: number;
  private seq = 0;
  /** Binary min-heap by (at, seq). */
  private heap: Timer[] = [];
  /** Timers fired so far (a measure of the harness's own work). */
  fired = 0;

  constructor(start = Date.UTC(2025, 0, 6, 9, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  // --- provider Clock ---

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      if (!signal) {
        this.push(resolve, ms, 0);
        return;
      }
      const onAbort = () => {
        timer.cancelled = true;
        reject(abortError(signal));
      };
      const timer = this.push(
        () => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        },
        ms,
        0,
      );
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  // --- view Timers (petrel's FrameLoop) ---

  set(fn: () => void, ms: number): unknown {
    return this.push(fn, ms, 0);
  }

  clear(handle: unknown): void {
    if (handle) (handle as Timer).cancelled = true;
  }

  // --- OpenTUI Clock (the renderer's frame pacing) ---

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    return this.push(fn, delayMs, 0) as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.clear(handle);
  }

  setInterval(fn: () => void, delayMs: number): TimerHandle {
    return this.push(fn, delayMs, Math.max(1, delayMs)) as unknown as TimerHandle;
  }

  clearInterval(handle: TimerHandle): void {
    this.clear(handle);
  }

  /** Timers waiting (cancelled ones excluded). */
  get pending(): number {
    let n = 0;
    for (const t of this.heap) if (!t.cancelled) n++;
    return n;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await turn();
      const next = this.heap[0];
      if (!next || next.at > target) break;
      this.pop();
      if (next.cancelled) continue;
      this.time = Math.max(this.time, next.at);
      if (next.every > 0) {
        next.at += next.every;
        next.seq = this.seq++;
        this.insert(next);
      }
      this.fired++;
      next.fn();
    }
    this.time = target;
  }

  private push(fn: () => void, ms: number, every: number): Timer {
    const timer: Timer = { at: this.time + Math.max(0, ms), seq: this.seq++, fn, every, cancelled: false };
    this.insert(timer);
    return timer;
  }

  private insert(timer: Timer): void {
    const h = this.heap;
    h.push(timer);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && before(h[l]!, h[m]!)) m = l;
      if (r < h.length && before(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
