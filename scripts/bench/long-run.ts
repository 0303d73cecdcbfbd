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
import type { AgentEvent, Provider, TurnRequest } from "../../src/provider/events.ts";
import { Random } from "../../src/provider/random.ts";
import { ReplayProvider } from "../../src/provider/replay.ts";
import { recordingJsonl, serializeRecord, type TimedEvent } from "../../src/provider/recording.ts";
import { darkTheme } from "../../src/render/theme.ts";
import { estimateTokens } from "../../src/session/compaction.ts";
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
  /** An agent session: tool calls with large outputs each turn, and compaction within `window` tokens. */
  agent?: AgentLoad;
}

export interface AgentLoad {
  /** The model's context window in tokens the session compacts within. */
  window: number;
  /** Extra tool calls per turn (reads and command runs) before the answer. */
  toolCalls: number;
  /** Sizes of their outputs, log-uniform between the two. */
  minOutput: number;
  maxOutput: number;
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
  /** Agent sessions: the largest request of the minute (estimated tokens) and compactions so far. */
  requestTokens?: number;
  compactions?: number;
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
  /** Agent sessions: the largest request of the whole session in estimated tokens, and how many compactions ran. */
  maxRequestTokens?: number;
  compactions?: number;
  toolCalls?: number;
}

/**
 * A replayed agent behind the Session: every request is measured (the estimate the
 * session compacts by), and a compaction request is answered with a summary at once,
 * as a model would, so the replayed turns stay in step with the prompts.
 */
class MeasuredReplay implements Provider {
  readonly name = "replay";
  readonly model = "replay";
  maxTokens = 0;
  minuteMax = 0;
  compactions = 0;
  /** The replay picks its turn by the number of prompts in the history, which compaction shortens: count them here. */
  private prompts: number;
  constructor(
    private readonly inner: ReplayProvider,
    promptsBefore: number,
  ) {
    this.prompts = promptsBefore;
  }

  async *stream(request: TurnRequest): AsyncIterable<AgentEvent> {
    const tokens = estimateTokens(request.history);
    this.maxTokens = Math.max(this.maxTokens, tokens);
    this.minuteMax = Math.max(this.minuteMax, tokens);
    if (request.withoutTools) {
      this.compactions++;
      yield { type: "text_delta", text: `- Asked: review the queue module.\n- Changed: src/queue/drain.ts (compaction ${this.compactions}).\n- Open: the retry path.` };
      yield { type: "usage", usage: { inputTokens: tokens, outputTokens: 40 } };
      yield { type: "turn_end", finishReason: "stop" };
      return;
    }
    this.prompts++;
    const stand = Array.from({ length: this.prompts }, () => ({ role: "user" as const, content: "" }));
    yield* this.inner.stream({ ...request, history: stand });
  }
}

/** `calls` tool calls with outputs of realistic shapes (file contents, command logs) ahead of a turn's events. */
function withToolCalls(events: TimedEvent[], load: AgentLoad, rng: Random, minute: number): TimedEvent[] {
  const out: TimedEvent[] = [];
  let t = 0;
  for (let i = 0; i < load.toolCalls; i++) {
    const id = `m${minute}-call${i}`;
    const bytes = Math.round(load.minOutput * Math.pow(load.maxOutput / load.minOutput, rng.next()));
    const read = i % 2 === 0;
    const name = read ? "read" : "bash";
    const args = read ? { path: `src/module${minute % 40}/file${i}.ts` } : { command: `bun test tests/module${i}` };
    const line = read ? (n: number) => `${String(n).padStart(5)}\texport const value${n} = compute(${n}, "item-${n}");\n` : (n: number) => `(pass) case ${n} of module ${i} [${n % 97}.${n % 10}ms]\n`;
    const parts: string[] = [];
    for (let n = 1, size = 0; size < bytes; n++) {
      const l = line(n);
      parts.push(l);
      size += l.length;
    }
    const argsText = JSON.stringify(args);
    out.push({ t: (t += 150), event: { type: "tool_call_start", id, name } });
    out.push({ t: (t += 20), event: { type: "tool_call_delta", id, argsDelta: argsText } });
    out.push({ t: (t += 5), event: { type: "tool_call_end", id, args } });
    out.push({ t: (t += 200 + rng.int(0, 800)), event: { type: "tool_result", id, output: parts.join("") } });
  }
  for (const e of events) out.push({ t: e.t + t, event: e.event });
  return out;
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
    const turn = longTurn(bytes, options.rate, 20, seed * 1000 + m).events;
    lines.push(recordingJsonl(prompt, options.agent ? withToolCalls(turn, options.agent, rng, m) : turn));
  }
  const replay = new ReplayProvider(lines.join(""), { speed: 1, clock: time });
  lines.length = 0;
  const measured = options.agent ? new MeasuredReplay(replay, history.length) : null;
  const provider: Provider = measured ?? replay;
  const window = options.agent?.window;
  const session = Session.create({
    connect: () => provider,
    model: "replay",
    store: null,
    clock: time,
    ...(window !== undefined && { contextWindow: () => window }),
  });
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
    if (measured) {
      s.requestTokens = measured.minuteMax;
      s.compactions = measured.compactions;
      measured.minuteMax = 0;
    }
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
    ...(measured && {
      maxRequestTokens: measured.maxTokens,
      compactions: measured.compactions,
      toolCalls: options.minutes * (options.agent?.toolCalls ?? 0),
    }),
  };
  petrel?.destroy();
  await setup.dispose();
  return result;
}
