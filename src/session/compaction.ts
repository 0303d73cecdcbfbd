/**
 * What is sent when a conversation outgrows the model's context window. The transcript
 * and the log keep everything; only the history sent changes, in this order:
 *
 * 1. Old, large tool results go first: outside the last KEEP_TURNS turns, a tool result
 *    over STUB_MIN_CHARS becomes a one-line stub naming the tool, its arguments and the
 *    size dropped. Nothing the user or the model wrote is touched by this step.
 * 2. If that is not enough, the conversation is compacted: the model writes a summary
 *    (what was asked, decided, changed, and what is open) and later requests send that
 *    summary, then the turns after the cut, verbatim.
 *
 * Pure functions; the Session decides when (a threshold of the window, `/compact`, or a
 * server refusing for length) and records the result in its log.
 */
import type { HistoryMessage } from "../provider/events.ts";

export interface CompactionState {
  /** The model's summary of every turn before `fromTurn`. */
  summary: string;
  /** The first user turn sent verbatim after the summary. */
  fromTurn: number;
}

/** Turns at the end that stay verbatim: the work in progress is what the model needs whole. */
export const KEEP_TURNS = 2;
/** A tool result shorter than this is cheaper to keep than to describe. */
export const STUB_MIN_CHARS = 2_000;
/** The share of the window at which a turn compacts first (config `compact_at`, 0 turns it off). */
export const DEFAULT_COMPACT_AT = 0.85;
/**
 * Characters per token for the estimate between usage reports: English prose runs ~4,
 * code and JSON ~3; erring low makes petrel compact a little early, never late.
 */
const CHARS_PER_TOKEN = 3.2;
/** Role markers and message framing each provider adds per message. */
const TOKENS_PER_MESSAGE = 4;

export function estimateTokens(messages: readonly HistoryMessage[]): number {
  let chars = 0;
  for (const m of messages) {
    chars += m.content.length;
    if (m.role === "assistant") {
      chars += m.reasoning?.length ?? 0;
      for (const call of m.toolCalls ?? []) chars += call.name.length + JSON.stringify(call.args ?? {}).length;
    }
  }
  return Math.ceil(chars / CHARS_PER_TOKEN) + messages.length * TOKENS_PER_MESSAGE;
}

/** The first message of a compacted history. */
const SUMMARY_LEAD = "This conversation was compacted to fit the context window.";

export function summaryMessage(summary: string): HistoryMessage {
  return { role: "user", content: `${SUMMARY_LEAD} A summary of everything before this point:\n\n${summary}` };
}

/** Room left in the window for the summary the model writes. */
export function summaryReserve(window: number): number {
  return Math.min(4096, Math.floor(window * 0.1));
}

/**
 * What a summary request can carry: when the turns to summarize are themselves larger
 * than `budget` tokens, the oldest turns are left out (a previous summary at the front
 * stays, it is what they became last time), and the prompt says how many.
 */
export function fitForSummary(
  messages: readonly HistoryMessage[],
  budget: number,
): { messages: readonly HistoryMessage[]; omittedTurns: number } {
  const lead = messages[0] && isSummary(messages[0]) ? 1 : 0;
  let start = lead;
  let omittedTurns = 0;
  let tokens = estimateTokens(messages);
  const total = messages.length;
  while (tokens > budget && start < total) {
    // drop one whole turn: its prompt and everything up to the next prompt
    let end = start + 1;
    while (end < total && messages[end]!.role !== "user") end++;
    if (end >= total) break;
    tokens -= estimateTokens(messages.slice(start, end));
    start = end;
    omittedTurns++;
  }
  if (omittedTurns === 0) return { messages, omittedTurns };
  return { messages: [...messages.slice(0, lead), ...messages.slice(start)], omittedTurns };
}

function isSummary(m: HistoryMessage): boolean {
  return m.role === "user" && m.content.startsWith(SUMMARY_LEAD);
}

export function compactionPrompt(focus: string | undefined, omittedTurns = 0): string {
  return [
    "Summarize our conversation so far so that you can continue the work from the summary alone; the earlier messages will be removed.",
    "Cover, as short bullet lists under these headings:",
    "- Asked: what the user asked for, in their words where it matters.",
    "- Decided: decisions made and constraints agreed on, with reasons.",
    "- Changed: every file created, edited or deleted (path and what changed) and every command run that mattered (and its outcome).",
    "- Open: what is unfinished, failing or still to decide, and the next step.",
    "Keep exact names, paths, numbers and error messages. Do not call tools. Answer with the summary only.",
    ...(omittedTurns > 0
      ? [`The ${omittedTurns} oldest turns did not fit in this request and are not shown; say in the summary that they are left out.`]
      : []),
    ...(focus ? [`Focus especially on: ${focus}`] : []),
  ].join("\n");
}

/**
 * Step 1: tool results outside the last `keepTurns` user turns, when larger than
 * STUB_MIN_CHARS, replaced by a stub. Returns the same array when nothing was stubbed.
 */
export function stubOldToolResults(
  messages: readonly HistoryMessage[],
  keepTurns = KEEP_TURNS,
): { messages: readonly HistoryMessage[]; droppedChars: number } {
  let boundary = messages.length;
  for (let seen = 0, i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.role === "user" && ++seen === keepTurns) {
      boundary = i;
      break;
    }
  }
  const calls = new Map<string, { name: string; args: unknown }>();
  let droppedChars = 0;
  const out = messages.map((m, i) => {
    if (m.role === "assistant") for (const c of m.toolCalls ?? []) calls.set(c.id, c);
    if (m.role !== "tool" || i >= boundary || m.content.length < STUB_MIN_CHARS) return m;
    droppedChars += m.content.length;
    const call = calls.get(m.toolCallId);
    return { ...m, content: toolStub(m.name, call?.args, m.content.length) };
  });
  return droppedChars === 0 ? { messages, droppedChars } : { messages: out, droppedChars };
}

function toolStub(name: string, args: unknown, chars: number): string {
  let shown = JSON.stringify(args ?? {});
  if (shown.length > 200) shown = shown.slice(0, 199) + "…";
  return `[output of ${name}(${shown}) dropped to fit the context window: ${formatChars(chars)}; run the tool again if you need it]`;
}

export function formatChars(chars: number): string {
  return chars >= 1024 * 1024
    ? `${(chars / 1024 / 1024).toFixed(1)} MB`
    : chars >= 1024
      ? `${Math.round(chars / 1024)} KB`
      : `${chars} characters`;
}

/**
 * A server refusing a request because it is too long: OpenAI's context_length_exceeded
 * ("maximum context length"), Anthropic's "prompt is too long", a 413, and the wordings of
 * the common OpenAI-compatible servers (vLLM, llama.cpp, Ollama, OpenRouter).
 */
export function isLengthRefusal(message: string): boolean {
  return /context_length_exceeded|maximum context length|prompt is too long|context (?:window|length) (?:is )?exceeded|exceeds? (?:the )?(?:model'?s? )?(?:maximum )?context|too many tokens|request too large|\(413\)/i.test(
    message,
  );
}
