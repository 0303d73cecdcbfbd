/**
 * Loopback HTTP servers that replay recorded-style SSE bodies the way networks
 * deliver them (whole, in fixed or byte-sized pieces, with pauses), plus helpers
 * that fold a provider's events into one comparable result.
 */
import type { Server } from "bun";
import type { Clock, ManualClock } from "../../src/provider/clock.ts";
import type { AgentEvent, HistoryMessage, Provider, Usage } from "../../src/provider/events.ts";

export interface Served {
  url: string;
  requests: { path: string; headers: Headers; body: unknown }[];
  stop(): void;
}

export function serve(handler: (req: Request, n: number) => Response | Promise<Response>): Served {
  const requests: Served["requests"] = [];
  const server: Server<undefined> = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    idleTimeout: 0,
    async fetch(req) {
      const text = await req.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {}
      requests.push({ path: new URL(req.url).pathname, headers: req.headers, body });
      return handler(req, requests.length);
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, requests, stop: () => void server.stop(true) };
}

export interface StreamPlan {
  /** Bytes per network chunk (1 = a byte-at-a-time drip); default: all at once. */
  chunk?: number;
  /** Pause between chunks. */
  delayMs?: number;
  /** After sending this many bytes, go silent and never finish. */
  stallAfter?: number;
  status?: number;
  headers?: Record<string, string>;
}

export function sseResponse(body: string | Uint8Array, plan: StreamPlan = {}): Response {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const size = plan.chunk ?? bytes.length;
  let offset = 0;
  const limit = plan.stallAfter ?? bytes.length;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (offset >= limit) {
        if (plan.stallAfter !== undefined) await new Promise(() => {});
        else controller.close();
        return;
      }
      if (offset > 0 && plan.delayMs) await Bun.sleep(plan.delayMs);
      const end = Math.min(offset + Math.max(1, size), limit);
      controller.enqueue(bytes.slice(offset, end));
      offset = end;
    },
  });
  return new Response(stream, {
    status: plan.status ?? 200,
    headers: { "content-type": "text/event-stream", ...plan.headers },
  });
}

/**
 * A raw TCP server that answers 200 with the start of an event stream, then resets
 * the connection: what a crashed proxy or a dropped network looks like to a client.
 */
export function serveDrop(sent: string): Served {
  const chunk = new TextEncoder().encode(sent);
  const listener = Bun.listen({
    hostname: "127.0.0.1",
    port: 0,
    socket: {
      data(socket) {
        socket.write(
          "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n" +
            `${chunk.length.toString(16)}\r\n${sent}\r\n`,
        );
        setTimeout(() => socket.terminate(), 20);
      },
    },
  });
  return { url: `http://127.0.0.1:${listener.port}`, requests: [], stop: () => listener.stop(true) };
}

export async function collect(events: AsyncIterable<AgentEvent>): Promise<AgentEvent[]> {
  const out: AgentEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

export interface Folded {
  text: string;
  reasoning: string;
  toolCalls: { id: string; name: string; arguments: unknown; argsText: string }[];
  usage?: Usage;
  finishReason?: string;
  errors: string[];
  retries: { message: string; retryInMs: number }[];
  notices: string[];
  signature?: string;
}

/** Folds events the way a reader of the stream would, checking the event grammar as it goes. */
export function fold(events: AgentEvent[]): Folded {
  const r: Folded = { text: "", reasoning: "", toolCalls: [], errors: [], retries: [], notices: [] };
  const open = new Map<string, Folded["toolCalls"][number]>();
  if (events[0]?.type !== "turn_start") throw new Error(`first event is ${events[0]?.type}, not turn_start`);
  events.forEach((e, i) => {
    if (e.type === "turn_end" && i !== events.length - 1) throw new Error("events after turn_end");
    switch (e.type) {
      case "text_delta":
        r.text += e.text;
        break;
      case "reasoning_delta":
        r.reasoning += e.text;
        break;
      case "reasoning_signature":
        r.signature = e.signature;
        break;
      case "tool_call_start": {
        const call = { id: e.id, name: e.name, arguments: undefined as unknown, argsText: "" };
        open.set(e.id, call);
        r.toolCalls.push(call);
        break;
      }
      case "tool_call_delta": {
        const call = open.get(e.id);
        if (!call) throw new Error(`delta for unknown call ${e.id}`);
        call.argsText += e.argsDelta;
        break;
      }
      case "tool_call_end": {
        const call = open.get(e.id);
        if (!call) throw new Error(`end for unknown call ${e.id}`);
        call.arguments = e.args;
        open.delete(e.id);
        break;
      }
      case "usage":
        r.usage = e.usage;
        break;
      case "error":
        if (e.retryInMs !== undefined) r.retries.push({ message: e.message, retryInMs: e.retryInMs });
        else r.errors.push(e.message);
        break;
      case "notice":
        r.notices.push(e.text);
        break;
      case "turn_end":
        r.finishReason = e.finishReason;
        break;
    }
  });
  if (open.size > 0) throw new Error(`tool calls never ended: ${[...open.keys()].join(", ")}`);
  if (events.at(-1)?.type !== "turn_end") throw new Error("no turn_end");
  return r;
}

export interface Timed {
  /** Simulated ms since the turn started. */
  at: number;
  event: AgentEvent;
}

/** Runs one turn on simulated time, advancing `stepMs` at a time, recording when each event arrived. */
export async function timedTurn(p: Provider, clock: ManualClock, history: HistoryMessage[], stepMs: number): Promise<Timed[]> {
  const out: Timed[] = [];
  const start = clock.now();
  let done = false;
  const consume = (async () => {
    for await (const event of p.stream({ history, signal: new AbortController().signal })) out.push({ at: clock.now() - start, event });
    done = true;
  })();
  while (!done) await clock.advance(stepMs);
  await consume;
  return out;
}

/**
 * Time for retry tests: sleeps return at once, and what was asked for is kept. The
 * time stands still at `time` (a whole second), so waits computed from it are exact.
 */
export class InstantClock implements Clock {
  sleeps: number[] = [];
  constructor(readonly time = 1_700_000_000_000) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
  }
}
