/**
 * Time as a dependency. Everything that waits (demo pacing, replay timing, retry
 * backoff, the session log's flush timer) goes through a Clock, so a benchmark or a
 * test can run minutes of streaming in simulated time with `ManualClock`.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`; rejects with an AbortError as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The longest delay a timer takes (2^31 - 1 ms, about 24.8 days): a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A delay a timer can honour: not negative, not NaN, at most MAX_TIMER_MS. */
export function clampDelay(ms: number): number {
  return Number.isNaN(ms) ? 0 : Math.min(Math.max(0, ms), MAX_TIMER_MS);
}

export function abortError(signal?: AbortSignal): unknown {
  return signal?.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

/**
 * `Clock.sleep` on any timer pair: resolves when the timer `set` arms fires (after
 * `ms`, never negative); rejects with an AbortError as soon as `signal` aborts, and
 * then `clear`s the timer.
 */
export function abortableSleep<H>(
  ms: number,
  signal: AbortSignal | undefined,
  set: (fn: () => void, ms: number) => H,
  clear: (handle: H) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clear(handle);
      reject(abortError(signal));
    };
    const handle = set(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, clampDelay(ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    abortableSleep(
      ms,
      signal,
      (fn, delay) => setTimeout(fn, delay),
      (timer) => clearTimeout(timer),
    ),
};

interface Timer {
  id: number;
  at: number;
  seq: number;
  fn: () => void;
  /** Re-armed after firing (setInterval). */
  every: number;
}

/**
 * Simulated time, the one clock of every test and of the benchmark. Besides the provider
 * Clock it has the view's timers (`set`/`clear`) and OpenTUI's renderer clock
 * (`setTimeout`/`setInterval`), which are structurally the same, so a provider, the frame
 * loop and the renderer's frame pacing can all wait on it. Nothing moves until `advance`:
 * due timers fire in deadline order (ties in the order they were set), and each gets a
 * macrotask turn first, so a promise chain woken by a sleep, or a frame the renderer
 * queued with setImmediate, runs at the simulated instant it belongs to.
 */
export class ManualClock implements Clock {
  private time: number;
  private seq = 0;
  /** Binary min-heap by (at, seq); cancelled timers leave `live` and are skipped. */
  private heap: Timer[] = [];
  private live = new Map<number, Timer>();
  /** Timers fired so far (a measure of the harness's own work). */
  fired = 0;

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return abortableSleep(
      ms,
      signal,
      (fn, delay) => this.push(fn, delay, 0),
      (id) => this.clear(id),
    );
  }

  set(fn: () => void, ms: number): number {
    return this.push(fn, ms, 0);
  }

  clear(handle: unknown): void {
    this.live.delete(handle as number);
  }

  setTimeout(fn: () => void, delayMs: number): number {
    return this.push(fn, delayMs, 0);
  }

  clearTimeout(handle: unknown): void {
    this.clear(handle);
  }

  setInterval(fn: () => void, delayMs: number): number {
    return this.push(fn, delayMs, Math.max(1, delayMs));
  }

  clearInterval(handle: unknown): void {
    this.clear(handle);
  }

  /** Timers and sleeps waiting (a test can stop advancing when nothing waits). */
  get pending(): number {
    return this.live.size;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await new Promise<void>((r) => setImmediate(r));
      const next = this.heap[0];
      if (!next || next.at > target) break;
      this.pop();
      if (this.live.get(next.id) !== next) continue;
      this.time = Math.max(this.time, next.at);
      if (next.every > 0) {
        next.at += next.every;
        next.seq = this.seq++;
        this.insert(next);
      } else {
        this.live.delete(next.id);
      }
      this.fired++;
      next.fn();
    }
    this.time = target;
  }

  private push(fn: () => void, ms: number, every: number): number {
    const seq = this.seq++;
    const timer: Timer = { id: seq + 1, at: this.time + Math.max(0, ms), seq, fn, every };
    this.live.set(timer.id, timer);
    this.insert(timer);
    return timer.id;
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
