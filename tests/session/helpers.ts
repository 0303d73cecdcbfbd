import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Clock } from "../../src/provider/clock.ts";
import type { AgentEvent, Provider, TurnRequest } from "../../src/provider/events.ts";

export interface Step {
  /** Wait this long (on the clock) before the event. */
  delay?: number;
  event: AgentEvent;
}

/** Plays scripted turns: the n-th request gets the n-th script. */
export class ScriptedProvider implements Provider {
  readonly name = "scripted";
  readonly requests: TurnRequest[] = [];
  constructor(
    readonly model: string,
    private readonly turns: Step[][],
    private readonly clock: Clock,
  ) {}

  async *stream(request: TurnRequest): AsyncGenerator<AgentEvent> {
    this.requests.push(request);
    for (const step of this.turns[this.requests.length - 1] ?? []) {
      if (step.delay) await this.clock.sleep(step.delay, request.signal);
      yield step.event;
    }
  }
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "petrel-test-"));
}

export const turnWithTool: Step[] = [
  { event: { type: "turn_start", model: "m" } },
  { delay: 100, event: { type: "reasoning_delta", text: "Think" } },
  { delay: 100, event: { type: "reasoning_delta", text: "ing." } },
  { delay: 100, event: { type: "reasoning_signature", signature: "sig" } },
  { delay: 100, event: { type: "text_delta", text: "Let me " } },
  { delay: 100, event: { type: "text_delta", text: "look." } },
  { delay: 100, event: { type: "tool_call_start", id: "c1", name: "read_file" } },
  { delay: 100, event: { type: "tool_call_delta", id: "c1", argsDelta: '{"path":"a"}' } },
  { delay: 100, event: { type: "tool_call_end", id: "c1", args: { path: "a" } } },
  { delay: 1000, event: { type: "tool_result", id: "c1", output: "A" } },
  { delay: 100, event: { type: "text_delta", text: "It says **A**." } },
  { delay: 100, event: { type: "usage", usage: { inputTokens: 10, outputTokens: 5 } } },
  { event: { type: "turn_end", finishReason: "stop" } },
];

export const shortTurn = (text: string, usage = { inputTokens: 20, outputTokens: 2 }): Step[] => [
  { event: { type: "turn_start", model: "m" } },
  { delay: 50, event: { type: "text_delta", text } },
  { event: { type: "usage", usage } },
  { event: { type: "turn_end", finishReason: "stop" } },
];

/** Advances a manual clock in small steps until `done()` or the budget runs out. */
export async function runUntil(clock: { advance(ms: number): Promise<void> }, done: () => boolean, budgetMs = 60_000): Promise<void> {
  for (let spent = 0; !done() && spent < budgetMs; spent += 10) await clock.advance(10);
  if (!done()) throw new Error("condition not reached in simulated time");
}
