/**
 * The on-disk shape of a conversation: JSONL, one record a line, in order. A session
 * log and a recorded event file are the same format, so the replay provider plays
 * either. Event timing is kept as `t`, milliseconds since the turn's user message (or
 * since the recording's start), so a replay can reproduce the original pacing.
 *
 *   {"type":"session","version":1,"id":"…","created":"2025-…Z","provider":"demo","model":"…"}
 *   {"type":"user","at":1730000000000,"text":"…"}                    at: epoch ms
 *   {"type":"event","t":412,"event":{"type":"text_delta","text":"…"}}  t: ms into the turn
 *   {"type":"model","at":…,"provider":"openai","model":"…"}            /model switched
 *   {"type":"compaction","at":…,"fromTurn":7,"summary":"…"}            history compacted
 *
 * Secrets never appear in a record: the header names the provider and model only.
 */
import type { AgentEvent, Usage } from "./events.ts";

export const LOG_VERSION = 1;

export interface TimedEvent {
  /** Milliseconds since the start of the turn. */
  t: number;
  event: AgentEvent;
}

export type LogRecord =
  | { type: "session"; version: number; id: string; created: string; provider: string; model: string }
  | { type: "user"; at: number; text: string; attachments?: { name: string; text: string; summary: string }[] }
  | ({ type: "event" } & TimedEvent)
  | { type: "model"; at: number; provider: string; model: string }
  /** The conversation was compacted: requests from here on send `summary`, then turns from `fromTurn`. */
  | { type: "compaction"; at: number; fromTurn: number; summary: string; focus?: string; usage?: Usage };

export interface ParsedLog {
  records: LogRecord[];
  /** Lines in the middle that were not valid records. */
  damaged: number;
  /** The last line was cut short (a crash mid-write) and was skipped. */
  truncatedTail: boolean;
}

const EVENT_TYPES = new Set([
  "turn_start",
  "text_delta",
  "reasoning_delta",
  "reasoning_signature",
  "tool_call_start",
  "tool_call_delta",
  "tool_call_end",
  "tool_result",
  "usage",
  "error",
  "notice",
  "turn_end",
]);

export function serializeRecord(record: LogRecord): string {
  return `${JSON.stringify(record)}\n`;
}

export function parseLog(text: string): ParsedLog {
  const records: LogRecord[] = [];
  let damaged = 0;
  let truncatedTail = false;
  const lines = text.split("\n");
  // A file written to the end finishes with "\n", leaving one empty string here.
  const endsClean = lines.at(-1) === "";
  if (endsClean) lines.pop();
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const record = parseRecord(line);
    if (record) records.push(record);
    else if (i === lines.length - 1 && !endsClean) truncatedTail = true;
    else damaged++;
  });
  return { records, damaged, truncatedTail };
}

function parseRecord(line: string): LogRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== "object") return undefined;
  const r = value as Record<string, unknown>;
  switch (r.type) {
    case "session":
      return typeof r.id === "string" ? (r as LogRecord) : undefined;
    case "user":
      if (typeof r.text !== "string" || typeof r.at !== "number") return undefined;
      if (r.attachments !== undefined && !validAttachments(r.attachments)) delete r.attachments;
      return r as LogRecord;
    case "model":
      return typeof r.model === "string" ? (r as LogRecord) : undefined;
    case "compaction":
      return typeof r.summary === "string" && Number.isInteger(r.fromTurn) && typeof r.at === "number"
        ? (r as LogRecord)
        : undefined;
    case "event": {
      const e = r.event as { type?: unknown } | null;
      return typeof r.t === "number" && e && typeof e === "object" && EVENT_TYPES.has(e.type as string)
        ? (r as LogRecord)
        : undefined;
    }
    default:
      return undefined;
  }
}

function validAttachments(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every((a: Record<string, unknown> | null) => a !== null && typeof a === "object" && ["name", "text", "summary"].every((k) => typeof a[k] === "string"))
  );
}

export interface RecordedTurn {
  /** The prompt that started the turn, when the recording has one. */
  prompt?: string;
  events: TimedEvent[];
}

/**
 * Splits a recording into turns: at each user record, or at each `turn_start` for a
 * bare event recording without prompts.
 */
export function recordedTurns(records: LogRecord[]): RecordedTurn[] {
  const turns: RecordedTurn[] = [];
  let current: RecordedTurn | undefined;
  let ended = false;
  for (const r of records) {
    if (r.type === "user") {
      current = { prompt: r.text, events: [] };
      ended = false;
      turns.push(current);
    } else if (r.type === "event") {
      if (!current || (r.event.type === "turn_start" && ended)) {
        current = { events: [] };
        ended = false;
        turns.push(current);
      }
      current.events.push({ t: r.t, event: r.event });
      if (r.event.type === "turn_end") ended = true;
    }
  }
  return turns.filter((t) => t.events.length > 0 || t.prompt !== undefined);
}

/** A one-turn recording file (what `longDemoTurn` produces, for the replay provider). */
export function recordingJsonl(prompt: string, events: TimedEvent[], at = 0): string {
  const lines = [serializeRecord({ type: "user", at, text: prompt })];
  for (const e of events) lines.push(serializeRecord({ type: "event", t: e.t, event: e.event }));
  return lines.join("");
}
