/**
 * The reference session every strategy is fed, generated deterministically per seed
 * (nothing large is committed):
 *
 * - a history of N messages (N/2 user prompts, N/2 assistant answers in markdown of
 *   realistic, varied sizes: one-liners, the demo agent's scripted answers, multi-section
 *   reviews with code, tables and lists);
 * - one long turn: reasoning, three tool calls (spinners run while they wait for their
 *   results) and an answer of `streamBytes` of markdown (src/provider/demo/long.ts),
 *   re-chunked to ~20-byte deltas paced at `rate` bytes per second of simulated time.
 *
 * The long turn goes to the replay provider as a recording; the history is what a
 * resumed session's transcript holds when the prompt is sent.
 */
import { longDemoTurn, longAnswer } from "../../src/provider/demo/long.ts";
import { SCRIPTS } from "../../src/provider/demo/scripts.ts";
import type { AgentEvent } from "../../src/provider/events.ts";
import { Random } from "../../src/provider/random.ts";
import { recordingJsonl, serializeRecord, type TimedEvent } from "../../src/provider/recording.ts";

export interface HistoryTurn {
  prompt: string;
  answer: string;
}

export interface ReferenceSession {
  history: HistoryTurn[];
  prompt: string;
  /** Text and reasoning characters the long turn streams. */
  streamBytes: number;
  /** A recording the replay provider plays: one empty turn per history turn, then the long one. */
  recording: string;
}

export interface ReferenceOptions {
  /** Messages in the history (user + assistant); odd counts round down. */
  messages: number;
  /** Size of the long answer. */
  streamBytes: number;
  /** Bytes per second of simulated time. */
  rate: number;
  /** Mean delta size in characters. */
  chunk?: number;
  seed?: number;
}

const PROMPTS = [
  "why does the nightly job time out?",
  "can you review src/queue/drain.ts",
  "make the cache eviction lazy",
  "what does this stack trace mean",
  "write a test for the retry loop",
  "explain the difference between these two approaches",
  "fix the flaky test in ci",
  "speed up the parser",
  "ok, and the migration?",
  "thanks — now the README",
  "summarize what we changed today",
  "is there a cheaper way to do this?",
];

const WORDS =
  "the a request handler cache buffer queue worker lock index shard retry loop writer reader parser stream chunk frame row node tree view allocates copies scans holds frees returns batches flushes grows".split(
    " ",
  );

function shortAnswer(rng: Random): string {
  const sentences = rng.int(1, 4);
  const out: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const n = rng.int(8, 22);
    const words: string[] = [];
    for (let w = 0; w < n; w++) {
      const word = rng.pick(WORDS);
      const roll = rng.next();
      words.push(roll < 0.06 ? `\`${word}()\`` : roll < 0.1 ? `**${word}**` : roll < 0.12 ? `*${word}*` : word);
    }
    const text = words.join(" ");
    out.push(`${text[0]!.toUpperCase()}${text.slice(1)}.`);
  }
  return out.join(" ");
}

/** The "say" text of a demo script: realistic answers of 0.5–4 KB with code, tables, lists. */
function scriptedAnswer(rng: Random): string {
  const script = rng.pick(SCRIPTS);
  return script.steps
    .filter((s) => s.kind === "say")
    .map((s) => (s.kind === "say" ? s.text : ""))
    .join("");
}

/** One assistant answer: a third short, about half scripted, the rest long reviews (2–8 KB). */
export function historyAnswer(rng: Random): string {
  const roll = rng.next();
  if (roll < 0.33) return shortAnswer(rng);
  if (roll < 0.83) return scriptedAnswer(rng);
  return longAnswer(rng.int(1500, 7000), rng);
}

export function historyTurns(messages: number, seed: number): HistoryTurn[] {
  const rng = new Random(seed);
  const turns: HistoryTurn[] = [];
  for (let i = 0; i < Math.floor(messages / 2); i++) turns.push({ prompt: `${rng.pick(PROMPTS)} (#${i + 1})`, answer: historyAnswer(rng) });
  return turns;
}

function splitChunks(text: string, mean: number, rng: Random): string[] {
  const out: string[] = [];
  const lo = Math.max(1, Math.round(mean * 0.5));
  const hi = Math.max(lo, Math.round(mean * 1.5));
  for (let i = 0; i < text.length; ) {
    let end = Math.min(text.length, i + rng.int(lo, hi));
    const code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff && end < text.length) end++;
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

/**
 * The long demo turn with its text and reasoning re-chunked: runs of deltas are joined
 * and split again into chunks of mean size `chunk`, each arriving `len / rate` seconds
 * after the one before. Tool calls keep the demo's own pacing (results take 0.9–1.9 s,
 * so their spinners turn for a while).
 */
export function longTurn(streamBytes: number, rate: number, chunk: number, seed: number): { events: TimedEvent[]; streamed: number } {
  const original = longDemoTurn(streamBytes, seed);
  const rng = new Random(seed ^ 0x5bd1e995);
  const events: TimedEvent[] = [];
  let t = 0;
  let prevT = 0;
  let run: { type: "text_delta" | "reasoning_delta"; text: string } | null = null;
  let streamed = 0;
  const flush = () => {
    if (!run) return;
    for (const text of splitChunks(run.text, chunk, rng)) {
      t += (text.length / rate) * 1000;
      events.push({ t: Math.round(t), event: { type: run.type, text } as AgentEvent });
      streamed += text.length;
    }
    run = null;
  };
  for (const { t: at, event } of original) {
    const gap = at - prevT;
    prevT = at;
    if (event.type === "text_delta" || event.type === "reasoning_delta") {
      if (run && run.type !== event.type) flush();
      if (!run) {
        // keep the pause before a run starts (first token, after a tool result)
        t += gap;
        run = { type: event.type, text: "" };
      }
      run.text += event.text;
      continue;
    }
    flush();
    t += gap;
    events.push({ t: Math.round(t), event });
  }
  flush();
  return { events, streamed };
}

export function referenceSession(options: ReferenceOptions): ReferenceSession {
  const seed = options.seed ?? 20250106;
  const history = historyTurns(options.messages, seed);
  const { events, streamed } = longTurn(options.streamBytes, options.rate, options.chunk ?? 20, seed + 1);
  const prompt = "Review the queue module end to end: measure, fix what is slow, and write up every finding.";
  // One empty turn per history turn, so the replay provider (which plays the k-th recorded
  // turn for the k-th prompt) answers the prompt with the long turn; the history itself
  // lives in the transcript only, as in a resumed session.
  const lines: string[] = [];
  for (let i = 0; i < history.length; i++) lines.push(serializeRecord({ type: "user", at: 0, text: "" }));
  lines.push(recordingJsonl(prompt, events));
  return { history, prompt, streamBytes: streamed, recording: lines.join("") };
}
