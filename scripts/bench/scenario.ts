/**
 * One benchmark scenario, in this process: a 120x40 OpenTUI test renderer, a session fed
 * by the replay provider, a history of N messages already in the transcript (as after
 * `--resume`), one strategy drawing it, then the long turn streamed in simulated time.
 *
 * Everything that waits shares one ManualClock (provider sleeps, the strategy's timers, the
 * renderer's frame pacing), so frames, chunks and spinner ticks interleave exactly as
 * they would in real time. Measurement happens in windows: "full" is the whole turn
 * (petrel); otherwise the strategy is suspended between windows (the transcript still
 * receives every event) and each window opens at a streamed-byte offset for a stretch of
 * simulated time, so strategies far too slow to stream 1 MB are measured at the start,
 * middle and end of the stream. In each window: CPU time (process.cpuUsage, all
 * threads), wall time, frames the renderer painted, the strategy's counters, and —
 * when the process runs under BUN_JSC_logGC=1 — GC-log markers around it (alloc.ts).
 */
import { heapStats } from "bun:jsc";
import { createTestRenderer, type TestRendererSetup } from "@opentui/core/testing";
import { ManualClock } from "../../src/provider/clock.ts";
import type { AgentEvent } from "../../src/provider/events.ts";
import { ReplayProvider } from "../../src/provider/replay.ts";
import { darkTheme } from "../../src/render/theme.ts";
import { Session } from "../../src/session/session.ts";
import { beginAllocWindow, endAllocWindow, loggingGc } from "./alloc.ts";
import { IdiomaticStrategy } from "./idiomatic.ts";
import { NaiveStrategy } from "./naive.ts";
import { PetrelStrategy } from "./petrel.ts";
import { referenceSession } from "./reference.ts";
import { diffCounters, HEIGHT, NoStrategy, rendererFps, WIDTH, type Strategy, type StrategyContext, type StrategyCounters, type StrategyName } from "./strategy.ts";

export { HEIGHT, WIDTH };

export interface WindowSpec {
  /** Streamed bytes (text + reasoning) after which the window opens. */
  at: number;
  /** Simulated milliseconds it stays open. */
  ms: number;
}

export interface ScenarioOptions {
  strategy: StrategyName;
  /** History messages before the streamed turn. */
  messages: number;
  streamBytes: number;
  /** Bytes per second of simulated time. */
  rate: number;
  fps?: number;
  chunk?: number;
  seed?: number;
  windows: "full" | WindowSpec[];
  /** Read OpenTUI's native frame-work counters after every painted frame. */
  nativeStats?: boolean;
  /**
   * Idle one real second before reading the final RSS (`realIdle`), so `rssEnd` is what a
   * settled process holds. Default true; tests that do not look at RSS pass false.
   */
  settleRss?: boolean;
}

export interface NativeWork {
  paintVisits: number;
  yogaSolves: number;
}

export interface WindowResult {
  /** Streamed bytes when the window opened. */
  at: number;
  /** Bytes streamed inside the window. */
  streamed: number;
  simMs: number;
  cpuMs: number;
  wallMs: number;
  /** Frames the renderer painted. */
  frames: number;
  counters: StrategyCounters;
  native: NativeWork;
}

export interface ScenarioResult {
  strategy: StrategyName;
  messages: number;
  /** Blocks in the transcript at the end. */
  blocks: number;
  streamBytes: number;
  rate: number;
  fps: number;
  /** Building the history, attaching the strategy and the first paint (wall ms). */
  setupMs: number;
  windows: WindowResult[];
  /** Node renders and frames while only a tool's spinner animated (between a call's end and its result). */
  quiet: { ms: number; nodesRendered: number; frames: number };
  heapStart: number;
  heapEnd: number;
  rssStart: number;
  rssEnd: number;
  /** Highest RSS sampled while streaming. */
  rssPeak: number;
  /** Timers the simulated clock fired (harness work). */
  timersFired: number;
}

const STEP_MS = 50;
/** Steps between two RSS samples (2 s of simulated time). */
const RSS_EVERY = 40;
/** Simulated wall-clock time at the start of a run (a Monday morning, for the clocks shown). */
export const SIM_START = Date.UTC(2025, 0, 6, 9, 0, 0);

/**
 * The allocator hands freed pages back to the system from its own thread, on a real-time
 * schedule that simulated time does not move. A user's idle second between turns is a
 * real one, so the final RSS is read after one.
 */
export function realIdle(): Promise<void> {
  return Bun.sleep(1000);
}
/** After a tool call ends, its own content change is drawn; only later frames are "quiet". */
const QUIET_MARGIN_MS = 150;

function makeStrategy(name: StrategyName, ctx: StrategyContext): Strategy {
  switch (name) {
    case "petrel":
      return new PetrelStrategy(ctx);
    case "naive":
      return new NaiveStrategy(ctx);
    case "idiomatic":
      return new IdiomaticStrategy(ctx);
    case "none":
      return new NoStrategy();
  }
}

function heapAfterGc(): number {
  Bun.gc(true);
  return heapStats().heapSize;
}

export interface OpenScenario {
  setup: TestRendererSetup;
  time: ManualClock;
  session: Session;
  strategy: Strategy;
  /** Text and reasoning characters streamed so far. */
  streamed(): number;
  frames(): number;
  native(): NativeWork;
  prompt: string;
  streamBytes: number;
  setupMs: number;
  dispose(): Promise<void>;
}

/** Builds renderer, session (history already in its transcript) and strategy, and paints the first frame. */
export async function openScenario(options: Omit<ScenarioOptions, "windows">): Promise<OpenScenario> {
  const fps = options.fps ?? 30;
  const t0 = performance.now();
  const time = new ManualClock(SIM_START);
  const setup = await createTestRenderer({
    width: WIDTH,
    height: HEIGHT,
    nativeSceneVerify: false,
    clock: time,
    maxFps: rendererFps(options.strategy, fps),
  });
  const ref = referenceSession({ messages: options.messages, streamBytes: options.streamBytes, rate: options.rate, chunk: options.chunk, seed: options.seed });
  const provider = new ReplayProvider(ref.recording, { speed: 1, clock: time });
  const session = Session.create({
    connect: () => provider,
    model: "replay",
    store: null,
    clock: time,
  });
  const transcript = session.transcript;
  for (const turn of ref.history) {
    transcript.addUser(turn.prompt);
    transcript.apply({ type: "text_delta", text: turn.answer }, time.now());
    transcript.apply({ type: "turn_end", finishReason: "stop" }, time.now());
  }
  const { prompt, streamBytes } = ref;

  let streamed = 0;
  session.onEvent((e: AgentEvent) => {
    if (e.type === "text_delta" || e.type === "reasoning_delta") streamed += e.text.length;
  });
  let frames = 0;
  const native: NativeWork = { paintVisits: 0, yogaSolves: 0 };
  setup.renderer.on("frame", () => {
    frames++;
    if (!options.nativeStats) return;
    const s = setup.renderer.getNativeStats();
    native.paintVisits += s.frameWork.paintVisits;
    native.yogaSolves += s.frameWork.yogaSolves;
  });

  const strategy = makeStrategy(options.strategy, { renderer: setup.renderer, time, theme: darkTheme, fps });
  strategy.attach(transcript);
  await time.advance(500);
  await setup.renderOnce();
  const setupMs = performance.now() - t0;
  return {
    setup,
    time,
    session,
    strategy,
    streamed: () => streamed,
    frames: () => frames,
    native: () => ({ ...native }),
    prompt,
    streamBytes,
    setupMs,
    async dispose() {
      strategy.destroy();
      session.cancel();
      await setup.dispose();
    },
  };
}

export async function runScenario(options: ScenarioOptions): Promise<ScenarioResult> {
  const fps = options.fps ?? 30;
  const sc = await openScenario(options);
  const { time, session, strategy } = sc;

  // node renders while only a spinner animates: from shortly after a tool call's end to its result
  const quiet = { ms: 0, nodesRendered: 0, frames: 0 };
  let quietFrom: { at: number; nodes: number; frames: number } | null = null;
  let suspended = false;
  session.onEvent((e) => {
    if (e.type === "tool_call_end") {
      time.set(() => {
        if (!suspended) quietFrom = { at: time.now(), nodes: strategy.counters().nodesRendered, frames: sc.frames() };
      }, QUIET_MARGIN_MS);
    } else if (e.type === "tool_result" && quietFrom) {
      quiet.ms += time.now() - quietFrom.at;
      quiet.nodesRendered += strategy.counters().nodesRendered - quietFrom.nodes;
      quiet.frames += sc.frames() - quietFrom.frames;
      quietFrom = null;
    }
  });

  const heapStart = heapAfterGc();
  const rssStart = process.memoryUsage().rss;
  /** Sampled while measuring (the process's own max RSS would include the allocation probe). */
  let rssPeak = rssStart;
  const windows: WindowResult[] = [];
  const running = () => session.running;

  const measure = async (at: number, until: () => boolean) => {
    const c0 = strategy.counters();
    const n0 = sc.native();
    const f0 = sc.frames();
    const s0 = sc.streamed();
    const sim0 = time.now();
    if (loggingGc) beginAllocWindow();
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    // RSS is read every RSS_EVERY steps only: the read itself is a syscall, and at every
    // step it cost a quarter of petrel's CPU
    for (let step = 1; !until(); step++) {
      await time.advance(STEP_MS);
      if (step % RSS_EVERY === 0) rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    }
    const cpu = process.cpuUsage(cpu0);
    const wallMs = performance.now() - wall0;
    if (loggingGc) endAllocWindow();
    const n1 = sc.native();
    windows.push({
      at,
      streamed: sc.streamed() - s0,
      simMs: time.now() - sim0,
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs,
      frames: sc.frames() - f0,
      counters: diffCounters(c0, strategy.counters()),
      native: {
        paintVisits: n1.paintVisits - n0.paintVisits,
        yogaSolves: n1.yogaSolves - n0.yogaSolves,
      },
    });
  };

  if (options.windows === "full") {
    session.send(sc.prompt);
    // the whole turn, plus the frames that draw its end
    let endedAt: number | null = null;
    await measure(0, () => {
      if (running()) return false;
      endedAt ??= time.now();
      return time.now() - endedAt >= 500;
    });
  } else {
    session.send(sc.prompt);
    for (const w of options.windows) {
      if (sc.streamed() < w.at) {
        strategy.suspend();
        suspended = true;
        while (running() && sc.streamed() < w.at) await time.advance(5);
        strategy.resume();
        suspended = false;
        quietFrom = null;
      }
      if (!running()) break;
      const opened = time.now();
      await measure(sc.streamed(), () => !running() || time.now() - opened >= w.ms);
    }
    // the rest of the turn unmeasured, then everything caught up (for the heap at the end)
    strategy.suspend();
    suspended = true;
    while (running()) await time.advance(1000);
    strategy.resume();
    suspended = false;
  }
  // idle a few seconds, as a user reads between turns (petrel gives memory back then)
  await time.advance(3000);
  await sc.setup.renderOnce();

  const heapEnd = heapAfterGc();
  if (options.settleRss ?? true) await realIdle();
  const rssEnd = process.memoryUsage().rss;
  const result: ScenarioResult = {
    strategy: options.strategy,
    messages: options.messages,
    blocks: session.transcript.blocks.length,
    streamBytes: sc.streamBytes,
    rate: options.rate,
    fps,
    setupMs: sc.setupMs,
    windows,
    quiet,
    heapStart,
    heapEnd,
    rssStart,
    rssEnd,
    rssPeak: Math.max(rssPeak, rssEnd),
    timersFired: time.fired,
  };
  await sc.dispose();
  return result;
}
