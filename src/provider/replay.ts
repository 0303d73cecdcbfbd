/**
 * Plays a saved session log or a recorded event file back as a provider: the k-th
 * prompt of a conversation gets the k-th recorded turn, at its original pacing
 * divided by `speed` (0 or Infinity: as fast as possible, yielding to the event loop
 * now and then so a UI keeps drawing). Benchmarks and demos use it.
 */
import { readFileSync } from "node:fs";
import { realClock, type Clock } from "./clock.ts";
import type { AgentEvent, Provider, TurnRequest } from "./events.ts";
import { parseLog, recordedTurns, type RecordedTurn } from "./recording.ts";

export interface ReplayOptions {
  /** Playback speed: 1 is the original timing, 10 ten times faster, 0 or Infinity instant. */
  speed?: number;
  clock?: Clock;
}

/** Events between two event-loop yields when playing instantly. */
const INSTANT_BATCH = 256;

export class ReplayError extends Error {
  override name = "ReplayError";
}

export class ReplayProvider implements Provider {
  readonly name = "replay";
  readonly model: string;
  readonly turns: readonly RecordedTurn[];
  private readonly speed: number;
  private readonly clock: Clock;

  constructor(text: string, options: ReplayOptions = {}, label = "the recording") {
    const { records } = parseLog(text);
    this.turns = recordedTurns(records);
    if (this.turns.length === 0) throw new ReplayError(`${label} holds no recorded turns`);
    const header = records.find((r) => r.type === "session");
    const start = this.turns[0]!.events.find((e) => e.event.type === "turn_start")?.event;
    this.model =
      (header?.type === "session" ? header.model : undefined) ??
      (start?.type === "turn_start" ? start.model : undefined) ??
      "recording";
    const speed = options.speed ?? 1;
    this.speed = speed > 0 && Number.isFinite(speed) ? speed : Infinity;
    this.clock = options.clock ?? realClock;
  }

  static fromFile(path: string, options: ReplayOptions = {}): ReplayProvider {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (err) {
      throw new ReplayError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    return new ReplayProvider(text, options, path);
  }

  /** The recorded prompts, in order (a UI may offer them). */
  get prompts(): string[] {
    return this.turns.flatMap((t) => (t.prompt !== undefined ? [t.prompt] : []));
  }

  async *stream(request: TurnRequest): AsyncGenerator<AgentEvent> {
    const index = Math.max(0, request.history.filter((m) => m.role === "user").length - 1);
    const turn = this.turns[index];
    if (!turn) {
      yield { type: "turn_start", model: this.model };
      yield { type: "error", message: `the recording has ${this.turns.length} turn(s); there is no turn ${index + 1} to replay` };
      yield { type: "turn_end", finishReason: "error" };
      return;
    }
    const start = this.clock.now();
    let ended = false;
    let sinceYield = 0;
    for (const { t, event } of turn.events) {
      if (this.speed !== Infinity) {
        const wait = start + t / this.speed - this.clock.now();
        if (wait > 0) await this.clock.sleep(wait, request.signal);
      } else if (++sinceYield >= INSTANT_BATCH) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (request.signal.aborted) throw request.signal.reason;
      yield event;
      if (event.type === "turn_end") {
        ended = true;
        break;
      }
    }
    // A log cut off mid-turn: end the turn the way the original run was left.
    if (!ended) yield { type: "turn_end", finishReason: "cancelled" };
  }
}
