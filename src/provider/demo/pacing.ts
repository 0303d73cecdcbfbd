/**
 * How the demo agent turns scripted steps into a stream that looks typed by a model:
 * token-sized chunks of irregular length, a pause before the first token, reasoning a
 * little faster than the answer, tool arguments streamed, tool results after a visible
 * delay. `planTurn` only plans (event + delay); the live provider sleeps the delays,
 * and `longDemoTurn` adds them up into a recording.
 */
import type { AgentEvent } from "../events.ts";
import type { Random } from "../random.ts";
import type { DemoStep } from "./scripts.ts";

/** Characters per second at which the demo types by default. */
export const DEFAULT_CPS = 400;

/** What a real agent's system prompt and tool definitions cost on every turn. */
const SYSTEM_PROMPT_TOKENS = 2150;

export interface PlannedEvent {
  /** Milliseconds to wait before this event. */
  delayMs: number;
  event: AgentEvent;
}

/** Splits text into chunks of 1 to ~40 characters, mostly token-sized, never inside a surrogate pair. */
export function chunkText(text: string, rng: Random): string[] {
  const chunks: string[] = [];
  let i = 0;
  while (i < text.length) {
    const roll = rng.next();
    const len = roll < 0.7 ? rng.int(1, 6) : roll < 0.95 ? rng.int(7, 16) : rng.int(17, 40);
    let end = Math.min(text.length, i + len);
    const code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff && end < text.length) end++;
    chunks.push(text.slice(i, end));
    i = end;
  }
  return chunks;
}

function typingDelay(chars: number, cps: number, rng: Random, scale: number): number {
  let ms = (chars / cps) * 1000 * (0.6 + 0.8 * rng.next());
  // Now and then a model (or the network) hesitates.
  if (rng.next() < 0.02) ms += rng.int(80, 250) * scale;
  return ms;
}

export function* planTurn(
  steps: readonly DemoStep[],
  rng: Random,
  cps: number,
  model: string,
  promptChars: number,
): Generator<PlannedEvent> {
  const scale = DEFAULT_CPS / cps;
  let wait = rng.int(300, 700) * scale;
  let outputChars = 0;
  let calls = 0;
  yield { delayMs: 0, event: { type: "turn_start", model } };
  for (const step of steps) {
    if (step.kind === "think" || step.kind === "say") {
      const speed = step.kind === "think" ? cps * 1.5 : cps;
      for (const chunk of chunkText(step.text, rng)) {
        yield {
          delayMs: wait + typingDelay(chunk.length, speed, rng, scale),
          event: step.kind === "think" ? { type: "reasoning_delta", text: chunk } : { type: "text_delta", text: chunk },
        };
        wait = 0;
      }
      outputChars += step.text.length;
      wait = step.kind === "think" ? rng.int(120, 300) * scale : 0;
      continue;
    }
    const id = `call_demo_${(++calls).toString().padStart(2, "0")}_${rng.int(0x1000, 0xffff).toString(16)}`;
    yield { delayMs: wait + rng.int(80, 200) * scale, event: { type: "tool_call_start", id, name: step.name } };
    wait = 0;
    const argsText = JSON.stringify(step.args);
    for (const chunk of chunkText(argsText, rng))
      yield { delayMs: typingDelay(chunk.length, cps * 2, rng, scale), event: { type: "tool_call_delta", id, argsDelta: chunk } };
    yield { delayMs: 30 * scale, event: { type: "tool_call_end", id, args: step.args } };
    yield {
      delayMs: rng.int(900, 1900) * scale,
      event: { type: "tool_result", id, output: step.result, ...(step.isError && { isError: true }) },
    };
    outputChars += argsText.length;
    wait = rng.int(200, 500) * scale;
  }
  yield {
    delayMs: 20 * scale,
    event: { type: "usage", usage: { inputTokens: SYSTEM_PROMPT_TOKENS + Math.ceil(promptChars / 4), outputTokens: Math.ceil(outputChars / 4) } },
  };
  yield { delayMs: 0, event: { type: "turn_end", finishReason: "stop" } };
}
