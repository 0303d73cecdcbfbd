/**
 * One turn of an SSE-speaking provider: connect (with retries), decode the event
 * stream, hand each JSON payload to the protocol's decoder, and end the turn exactly
 * once whatever happens: malformed payloads are skipped and counted, a dropped or
 * stalled connection becomes an error event after the partial answer, and the
 * caller's abort propagates as an AbortError.
 */
import type { AgentEvent, FinishReason } from "./events.ts";
import { describeNetworkError, openStream, redact, serverSays, type HttpTarget } from "./http.ts";
import { sseEvents, SseTooLarge } from "./sse.ts";

export interface StreamDecoder {
  /** The protocol's own end marker was seen (OpenAI `[DONE]`, Anthropic `message_stop`). */
  readonly done: boolean;
  /** The stream carried an error event (already emitted). */
  readonly failed: boolean;
  /** `eventName` is the SSE `event` field; `payload` the parsed JSON of its data. */
  push(eventName: string, payload: unknown, out: AgentEvent[]): void;
  /** A whole, non-streamed answer (a server that ignored `stream: true`), as the events it stands for. */
  whole(payload: object, out: AgentEvent[]): void;
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
  const opened = yield* openStream(target, signal);
  if (!opened) {
    yield { type: "turn_end", finishReason: "error" };
    return;
  }
  const out: AgentEvent[] = [];
  let malformed = 0;
  let failure: string | undefined;
  let terminated = false;
  // A server's own words (mid-stream errors) may quote the key: redacted before anyone sees them.
  const safe = (events: AgentEvent[]) => {
    for (const e of events) if (e.type === "error") e.message = serverSays(e.message, target.secrets);
    return events;
  };
  if (opened.kind === "whole") {
    yield* safe(wholeAnswer(opened.text, target, decoder));
    return;
  }
  try {
    for await (const sse of sseEvents(opened.chunks)) {
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
        yield* safe(out);
        out.length = 0;
      }
      if (decoder.done || decoder.failed) break;
    }
  } catch (err) {
    if (signal.aborted) throw err;
    failure =
      err instanceof SseTooLarge
        ? `${err.message} from ${target.label}; petrel stopped reading there and kept the answer so far`
        : redact(describeNetworkError(err, target, "stream"), target.secrets);
  }
  const finishReason = decoder.finish(out);
  yield* safe(out);
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

/** A plain JSON answer to a streaming request: shown whole, and said to be unstreamed. */
function wholeAnswer(text: string, target: HttpTarget, decoder: StreamDecoder): AgentEvent[] {
  const out: AgentEvent[] = [];
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    payload = undefined;
  }
  if (payload === null || typeof payload !== "object") {
    out.push({ type: "error", message: `${target.label} answered with JSON petrel cannot read instead of an event stream: ${text}` });
    out.push({ type: "turn_end", finishReason: "error" });
    return out;
  }
  decoder.whole(payload, out);
  const finishReason = decoder.finish(out);
  if (!decoder.failed)
    out.unshift({ type: "notice", text: `${target.label} did not stream its answer; it is shown whole` });
  out.push({ type: "turn_end", finishReason: decoder.failed ? "error" : (finishReason ?? "stop") });
  return out;
}
