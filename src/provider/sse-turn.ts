/**
 * One turn of an SSE-speaking provider: connect (with retries), decode the event
 * stream, hand each JSON payload to the protocol's decoder, and end the turn exactly
 * once whatever happens: malformed payloads are skipped and counted, a dropped or
 * stalled connection becomes an error event after the partial answer, and the
 * caller's abort propagates as an AbortError.
 */
import type { AgentEvent, FinishReason } from "./events.ts";
import { describeNetworkError, openStream, redact, type HttpTarget } from "./http.ts";
import { sseEvents } from "./sse.ts";

export interface StreamDecoder {
  /** The protocol's own end marker was seen (OpenAI `[DONE]`, Anthropic `message_stop`). */
  readonly done: boolean;
  /** The stream carried an error event (already emitted). */
  readonly failed: boolean;
  /** `eventName` is the SSE `event` field; `payload` the parsed JSON of its data. */
  push(eventName: string, payload: unknown, out: AgentEvent[]): void;
  /** Called once at the end: completes open tool calls; returns the finish reason seen, if any. */
  finish(out: AgentEvent[]): FinishReason | undefined;
}

export async function* sseTurn(
  target: HttpTarget,
  signal: AbortSignal,
  decoder: StreamDecoder,
  isTerminator: (data: string) => boolean = () => false,
): AsyncGenerator<AgentEvent> {
  yield { type: "turn_start", model: target.model };
  const chunks = yield* openStream(target, signal);
  if (!chunks) {
    yield { type: "turn_end", finishReason: "error" };
    return;
  }
  const out: AgentEvent[] = [];
  let malformed = 0;
  let failure: string | undefined;
  let terminated = false;
  try {
    for await (const sse of sseEvents(chunks)) {
      if (isTerminator(sse.data)) {
        terminated = true;
        break;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(sse.data);
      } catch {
        malformed++;
        continue;
      }
      if (payload === null || typeof payload !== "object") {
        malformed++;
        continue;
      }
      decoder.push(sse.event, payload, out);
      if (out.length > 0) {
        yield* out;
        out.length = 0;
      }
      if (decoder.done || decoder.failed) break;
    }
  } catch (err) {
    if (signal.aborted) throw err;
    failure = redact(describeNetworkError(err, target, "stream"), target.secrets);
  }
  const finishReason = decoder.finish(out);
  yield* out;
  if (malformed > 0)
    yield {
      type: "notice",
      text: `skipped ${malformed} malformed ${malformed === 1 ? "line" : "lines"} in the stream from ${target.label}`,
    };
  const complete = terminated || decoder.done || finishReason !== undefined;
  if (failure === undefined && !decoder.failed && !complete)
    failure = `the stream from ${target.label} ended before the answer was complete`;
  if (failure !== undefined) yield { type: "error", message: failure };
  yield { type: "turn_end", finishReason: failure !== undefined || decoder.failed ? "error" : (finishReason ?? "stop") };
}
