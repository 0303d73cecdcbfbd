/**
 * The built-in agent petrel runs when no API key is configured: it answers offline
 * with scripted, realistic agent turns chosen by the prompt (see scripts.ts), typed
 * at `cps` characters per second on the injected clock. The same seed, prompts and
 * turn order give the same stream.
 */
import { realClock, type Clock } from "../clock.ts";
import type { AgentEvent, HistoryMessage, Provider, TurnRequest } from "../events.ts";
import { hashString, Random } from "../random.ts";
import { longSteps } from "./long.ts";
import { DEFAULT_CPS, planTurn } from "./pacing.ts";
import { FALLBACKS, SCRIPTS, type DemoScript, type DemoStep } from "./scripts.ts";

export interface DemoOptions {
  /** Same seed, same answers (default: a random seed, so runs differ). */
  seed?: number;
  /** Typing speed in characters per second; delays scale with it (default 400). */
  cps?: number;
  clock?: Clock;
  model?: string;
}

export const DEMO_MODEL = "petrel-demo";

/** Prompts that ask for a very long answer (for trying scrolling and streaming load). */
const STRESS = /^\s*(stress|long answer|long)\b/i;
const STRESS_BYTES = 120_000;

export class DemoProvider implements Provider {
  readonly name = "demo";
  readonly model: string;
  private readonly seed: number;
  private readonly cps: number;
  private readonly clock: Clock;

  constructor(options: DemoOptions = {}) {
    this.model = options.model ?? DEMO_MODEL;
    this.seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
    this.cps = options.cps ?? DEFAULT_CPS;
    this.clock = options.clock ?? realClock;
  }

  async *stream(request: TurnRequest): AsyncGenerator<AgentEvent> {
    const prompt = lastPrompt(request.history);
    const turn = request.history.filter((m) => m.role === "user").length;
    const rng = new Random(this.seed ^ hashString(prompt) ^ Math.imul(turn, 0x9e3779b1));
    const steps = STRESS.test(prompt) ? longSteps(STRESS_BYTES, rng) : chooseScript(prompt, request.history, rng).steps;
    const promptChars = request.history.reduce((n, m) => n + m.content.length, 0);
    let due = this.clock.now();
    for (const planned of planTurn(steps, rng, this.cps, this.model, promptChars)) {
      // Sleep to an absolute schedule, so time spent elsewhere is not added on top.
      due += planned.delayMs;
      const wait = due - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait, request.signal);
      else if (request.signal.aborted) throw request.signal.reason;
      yield planned.event;
    }
  }
}

function lastPrompt(history: HistoryMessage[]): string {
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i]!;
    if (m.role === "user") return m.content;
  }
  return "";
}

/**
 * The first script whose keywords match; otherwise a fallback, avoiding the one the
 * previous answer came from so repeated vague prompts still get varied answers.
 */
export function chooseScript(prompt: string, history: HistoryMessage[], rng: Random): DemoScript {
  const matched = SCRIPTS.find((s) => s.keywords?.test(prompt));
  if (matched) return matched;
  const previous = previousScript(history);
  const choices = FALLBACKS.filter((s) => s !== previous);
  return rng.pick(choices.length > 0 ? choices : FALLBACKS);
}

function previousScript(history: HistoryMessage[]): DemoScript | undefined {
  let lastAnswer: string | undefined;
  for (let i = history.length - 1; i >= 0 && lastAnswer === undefined; i--) {
    const m = history[i]!;
    if (m.role === "assistant" && m.content) lastAnswer = m.content;
  }
  if (lastAnswer === undefined) return undefined;
  // The answer may have been interrupted: compare beginnings.
  const start = lastAnswer.slice(0, 80);
  return FALLBACKS.find((s) => s.steps.some((step: DemoStep) => step.kind === "say" && step.text.startsWith(start)));
}
