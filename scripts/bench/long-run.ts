/**
 * `bench --long`: a 2-hour-equivalent session through petrel only, accelerated with the
 * simulated clock. The session is resumed with a long history (so it ends at 10,000
 * messages), then one prompt a simulated minute: each answer is a demo agent turn with
 * reasoning, three tool calls and 4–40 KB of markdown streamed in ~20-byte chunks at the
 * benchmark rate; the rest of the minute is idle. Before each prompt the heap is sampled
 * after a forced GC, with RSS and the size of petrel's row caches. Runs in a child
 * process so its RSS is petrel's own.
 */
import { heapStats } from "bun:jsc";
import { createTestRenderer } from "@opentui/core/testing";
import { ManualClock } from "../../src/provider/clock.ts";
import { Random } from "../../src/provider/random.ts";
import { ReplayProvider } from "../../src/provider/replay.ts";
import { recordingJsonl, serializeRecord } from "../../src/provider/recording.ts";
import { darkTheme } from "../../src/render/theme.ts";
import { Session } from "../../src/session/session.ts";
import { PetrelStrategy } from "./petrel.ts";
import { historyTurns, longTurn } from "./reference.ts";
import { HEIGHT, realIdle, SIM_START, WIDTH } from "./scenario.ts";
import { rendererFps } from "./strategy.ts";

export interface LongOptions {
  /** Simulated minutes (one prompt each). */
  minutes: number;
  /** Messages the session holds when it ends (history + 2 per minute). */
  endMessages: number;
  rate: number;
  fps?: number;
  /** Minutes of warm-up excluded from the growth figure. */
  warmup: number;
  seed?: number;
  minAnswer?: number;
  maxAnswer?: number;
  /** "none": the same session with no view at all (what the transcript alone costs). */
  view?: "petrel" | "none";
  /** petrel's row-cache budget; default: what the app uses. */
  cacheBudgetBytes?: number;
}

export interface LongSample {
  minute: number;
  messages: number;
  blocks: number;
  heap: number;
  rss: number;
  /** Bytes petrel's tree holds in row caches (its own estimate). */
  cacheBytes: number;
  /** Characters of text in the transcript (what any client must keep). */
  transcriptChars: number;
  /** CPU ms and frames of the minute that ended here. */
  cpuMs: number;
  frames: number;
}

export interface LongResult {
  minutes: number;
  rate: number;
  warmup: number;
  streamed: number;
  frames: number;
  nodesRendered: number;
  cpuMs: number;
  wallMs: number;
  setupMs: number;
  samples: LongSample[];
  rssPeak: number;
  evictions: number;
}

export async function runLong(options: LongOptions): Promise<LongResult> {
  const fps = options.fps ?? 30;
  const seed = options.seed ?? 7;
  const t0 = performance.now();
  const time = new ManualClock(SIM_START);
  const setup = await createTestRenderer({ width: WIDTH, height: HEIGHT, nativeSceneVerify: false, clock: time, maxFps: rendererFps("petrel", fps) });

  const historyMessages = Math.max(0, options.endMessages - 2 * options.minutes);
  const history = historyTurns(historyMessages, seed);
  const rng = new Random(seed + 99);
  const lines: string[] = [];
  for (let i = 0; i < history.length; i++) lines.push(serializeRecord({ type: "user", at: 0, text: "" }));
  const prompts: string[] = [];
  const minA = options.minAnswer ?? 4096;
  const maxA = options.maxAnswer ?? 40960;
  for (let m = 0; m < options.minutes; m++) {
    const prompt = `minute ${m + 1}: next step of the review`;
    prompts.push(prompt);
    // log-uniform answer sizes: mostly a few KB, now and then tens of KB
    const bytes = Math.round(minA * Math.pow(maxA / minA, rng.next()));
    lines.push(recordingJsonl(prompt, longTurn(bytes, options.rate, 20, seed * 1000 + m).events));
  }
  const provider = new ReplayProvider(lines.join(""), { speed: 1, clock: time });
  lines.length = 0;
  const session = Session.create({ connect: () => provider, model: "replay", store: null, clock: time });
  const transcript = session.transcript;
  for (const turn of history) {
    transcript.addUser(turn.prompt);
    transcript.apply({ type: "text_delta", text: turn.answer }, time.now());
    transcript.apply({ type: "turn_end", finishReason: "stop" }, time.now());
  }
  history.length = 0;
  let streamed = 0;
  session.onEvent((e) => {
    if (e.type === "text_delta" || e.type === "reasoning_delta") streamed += e.text.length;
  });
  let frames = 0;
  setup.renderer.on("frame", () => frames++);

  const petrel =
    options.view === "none" ? null : new PetrelStrategy({ renderer: setup.renderer, time, theme: darkTheme, fps, cacheBudgetBytes: options.cacheBudgetBytes });
  petrel?.attach(transcript);
  await time.advance(500);
  const setupMs = performance.now() - t0;

  const messages = () => {
    let n = 0;
    for (const b of transcript.blocks) if (b.kind === "user") n++;
    return n * 2;
  };
  const sample = (minute: number): LongSample => {
    Bun.gc(true);
    let cacheBytes = 0;
    for (const node of petrel?.controller.tree.nodes ?? []) cacheBytes += node.cachedBytes;
    let transcriptChars = 0;
    for (const b of transcript.blocks) {
      if (b.kind === "user" || b.kind === "text" || b.kind === "reasoning") transcriptChars += b.text.length;
      else if (b.kind === "tool") transcriptChars += b.argsText.length + (b.output?.length ?? 0);
    }
    return { minute, messages: messages(), blocks: transcript.blocks.length, heap: heapStats().heapSize, rss: process.memoryUsage().rss, cacheBytes, transcriptChars, cpuMs: 0, frames: 0 };
  };

  const samples: LongSample[] = [sample(0)];
  // CPU of the session itself: the forced GCs of the samples are left out
  let cpuMs = 0;
  const wall0 = performance.now();
  for (let m = 0; m < options.minutes; m++) {
    const cpu0 = process.cpuUsage();
    const framesBefore = frames;
    const minuteStart = time.now();
    session.send(prompts[m]!);
    while (session.running) await time.advance(250);
    const rest = minuteStart + 60_000 - time.now();
    if (rest > 0) await time.advance(rest);
    const cpu = process.cpuUsage(cpu0);
    const minuteCpu = (cpu.user + cpu.system) / 1000;
    cpuMs += minuteCpu;
    const s = sample(m + 1);
    // the last sample's RSS is the figure held against the target
    if (m === options.minutes - 1) {
      await realIdle();
      s.rss = process.memoryUsage().rss;
    }
    s.cpuMs = minuteCpu;
    s.frames = frames - framesBefore;
    samples.push(s);
  }
  const result: LongResult = {
    minutes: options.minutes,
    rate: options.rate,
    warmup: options.warmup,
    streamed,
    frames,
    nodesRendered: petrel?.controller.tree.counters.nodesRendered ?? 0,
    cpuMs,
    wallMs: performance.now() - wall0,
    setupMs,
    samples,
    rssPeak: process.resourceUsage().maxRSS * 1024,
    evictions: petrel?.controller.tree.counters.evictions ?? 0,
  };
  petrel?.destroy();
  await setup.dispose();
  return result;
}
