/**
 * Any OpenAI-compatible Chat Completions stream (OpenAI, Azure, Ollama, llama.cpp,
 * vLLM, LM Studio, OpenRouter, DeepSeek, xAI, Mistral, Groq...). The decoder follows
 * what those servers really send, not only the spec; see NOTES.md and the real-streams
 * fixtures for each quirk.
 */
import type { AgentEvent, FinishReason, HistoryMessage, Provider, TurnRequest, Usage } from "./events.ts";
import { serverLabel, targetFor, urlRoot, type HttpProviderOptions } from "./http.ts";
import { asObject, parseToolArgs, tokenCount } from "./tool-args.ts";
import { sseTurn, type StreamDecoder } from "./sse-turn.ts";

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

export class OpenAiProvider implements Provider {
  readonly name = "openai";
  readonly model: string;

  constructor(private readonly options: HttpProviderOptions) {
    this.model = options.model;
  }

  stream(request: TurnRequest): AsyncIterable<AgentEvent> {
    const { baseUrl, apiKey, model } = this.options;
    const headers: Record<string, string> = { "content-type": "application/json", accept: "text/event-stream" };
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    const root = urlRoot(baseUrl);
    return sseTurn(
      targetFor(this.options, {
        label: serverLabel(root, OPENAI_DEFAULT_BASE_URL, "OpenAI", "the server"),
        keyHint: "OPENAI_API_KEY or api_key under [openai] in config.toml",
        url: `${root}/chat/completions`,
        headers,
        body: {
          model,
          stream: true,
          stream_options: { include_usage: true },
          messages: [...(this.options.system ? [{ role: "system", content: this.options.system }] : []), ...toOpenAiMessages(request.history)],
        },
      }),
      request.signal,
      new OpenAiDecoder(),
      (data) => data.trim() === "[DONE]",
    );
  }
}

export function toOpenAiMessages(history: HistoryMessage[]): unknown[] {
  return history.map((m) => {
    switch (m.role) {
      case "user":
        return { role: "user", content: m.content };
      case "assistant":
        // Reasoning is not sent back: DeepSeek rejects reasoning_content in history
        // and no other server reads it.
        return m.toolCalls?.length
          ? {
              role: "assistant",
              content: m.content,
              tool_calls: m.toolCalls.map((c) => ({
                id: c.id,
                type: "function",
                function: { name: c.name, arguments: typeof c.args === "string" ? c.args : JSON.stringify(c.args) },
              })),
            }
          : { role: "assistant", content: m.content };
      case "tool":
        return { role: "tool", tool_call_id: m.toolCallId, content: m.content };
    }
  });
}

interface PendingCall {
  id: string;
  /** The id came from the server (not a placeholder for a call sent without one). */
  hasId: boolean;
  name: string;
  started: boolean;
  ended: boolean;
  /** Argument fragments, joined once at the end (never `+=` on a growing string). */
  parts: string[];
  /** Fragments that arrived before the name, replayed once the call can start. */
  unsent: number;
}

type Json = Record<string, unknown>;

function nonEmpty(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

export class OpenAiDecoder implements StreamDecoder {
  done = false;
  failed = false;
  private finishReason: FinishReason | undefined;
  private readonly calls: PendingCall[] = [];
  private readonly callAt = new Map<number, PendingCall>();

  push(_event: string, payload: unknown, out: AgentEvent[]): void {
    const chunk = asObject(payload);
    if (!chunk) return;
    const error = chunk.error;
    if (error !== undefined && error !== null) {
      const e = asObject(error);
      const message = nonEmpty(e?.message) ?? (typeof error === "string" ? error : JSON.stringify(error));
      out.push({ type: "error", message: `the server reported an error mid-stream: ${message}` });
      this.failed = true;
      return;
    }
    const usage = asObject(chunk.usage) ?? asObject(asObject(chunk.x_groq)?.usage);
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    for (const raw of choices) {
      const choice = asObject(raw);
      if (!choice || (typeof choice.index === "number" && choice.index !== 0)) continue;
      const delta = asObject(choice.delta);
      if (delta) this.delta(delta, out);
      if (typeof choice.finish_reason === "string" && choice.finish_reason !== "") {
        this.finishReason = choice.finish_reason;
        this.endCalls(out);
      }
    }
    if (usage) out.push({ type: "usage", usage: openAiUsage(usage) });
  }

  /** A completion object is a chunk whose choices carry `message` where a chunk has `delta`. */
  whole(payload: object, out: AgentEvent[]): void {
    const body = payload as Json;
    const choices = Array.isArray(body.choices)
      ? body.choices.map((c) => {
          const choice = asObject(c);
          return choice ? { ...choice, delta: choice.message ?? choice.delta } : c;
        })
      : body.choices;
    this.push("message", { ...body, choices }, out);
  }

  finish(out: AgentEvent[]): FinishReason | undefined {
    this.endCalls(out);
    return this.finishReason;
  }

  private delta(delta: Json, out: AgentEvent[]): void {
    const reasoning =
      typeof delta.reasoning_content === "string"
        ? delta.reasoning_content
        : typeof delta.reasoning === "string"
          ? delta.reasoning
          : "";
    if (reasoning) out.push({ type: "reasoning_delta", text: reasoning });
    const content = delta.content;
    if (typeof content === "string") {
      if (content) out.push({ type: "text_delta", text: content });
    } else if (Array.isArray(content)) {
      for (const part of content) this.contentPart(asObject(part), out);
    }
    if (Array.isArray(delta.tool_calls)) for (const tc of delta.tool_calls) this.toolCall(asObject(tc), out);
  }

  /** Mistral streams content as typed parts: `text`, or `thinking` holding text parts. */
  private contentPart(part: Json | undefined, out: AgentEvent[]): void {
    if (!part) return;
    if (part.type === "text" && nonEmpty(part.text)) out.push({ type: "text_delta", text: part.text as string });
    else if (part.type === "thinking") {
      const thinking = part.thinking;
      if (typeof thinking === "string") {
        if (thinking) out.push({ type: "reasoning_delta", text: thinking });
      } else if (Array.isArray(thinking)) {
        for (const t of thinking) {
          const text = nonEmpty(asObject(t)?.text);
          if (text) out.push({ type: "reasoning_delta", text });
        }
      }
    }
  }

  private toolCall(tc: Json | undefined, out: AgentEvent[]): void {
    if (!tc) return;
    const index = typeof tc.index === "number" ? tc.index : undefined;
    // "" is "no id" (Alibaba repeats it on every continuation).
    const id = nonEmpty(tc.id);
    let call = index !== undefined ? this.callAt.get(index) : this.calls.at(-1);
    if (id !== undefined) {
      // An id naming a call still open continues it; Ollama sends parallel calls all at
      // index 0 (or with no index), so another id at an occupied slot is a new call.
      const named = this.calls.find((c) => c.id === id && !c.ended);
      if (named) call = named;
      else if (call?.hasId) call = undefined;
    }
    if (call?.ended) call = undefined;
    if (!call) {
      call = {
        id: this.unusedId(id ?? `call_${this.calls.length + 1}`),
        hasId: id !== undefined,
        name: "",
        started: false,
        ended: false,
        parts: [],
        unsent: 0,
      };
      this.calls.push(call);
      if (index !== undefined) this.callAt.set(index, call);
    } else if (id !== undefined && !call.hasId) {
      // Events already sent name the call by its placeholder id; keep it then, and
      // never take an id another call has had.
      if (!call.started && !this.calls.some((c) => c.id === id)) call.id = id;
      call.hasId = true;
    }
    const fn = asObject(tc.function);
    const name = nonEmpty(fn?.name);
    if (name && !call.name) call.name = name;
    const args = fn?.arguments;
    const fragment = typeof args === "string" ? args : args !== undefined && args !== null ? JSON.stringify(args) : "";
    if (fragment) {
      call.parts.push(fragment);
      if (call.started) out.push({ type: "tool_call_delta", id: call.id, argsDelta: fragment });
      else call.unsent++;
    }
    if (!call.started && call.name) this.start(call, out);
  }

  /** Events name calls by id, so a server reusing an id for a new call gets a distinct one. */
  private unusedId(id: string): string {
    if (!this.calls.some((c) => c.id === id)) return id;
    let n = 2;
    while (this.calls.some((c) => c.id === `${id}_${n}`)) n++;
    return `${id}_${n}`;
  }

  private start(call: PendingCall, out: AgentEvent[]): void {
    call.started = true;
    out.push({ type: "tool_call_start", id: call.id, name: call.name || "unknown_tool" });
    for (const part of call.parts.slice(call.parts.length - call.unsent))
      out.push({ type: "tool_call_delta", id: call.id, argsDelta: part });
    call.unsent = 0;
  }

  private endCalls(out: AgentEvent[]): void {
    for (const call of this.calls) {
      if (call.ended) continue;
      if (!call.started) this.start(call, out);
      call.ended = true;
      out.push({ type: "tool_call_end", id: call.id, args: parseToolArgs(call.parts.join("")) });
    }
  }
}

/**
 * OpenAI counts reasoning inside `completion_tokens`; xAI does not (its total is
 * prompt + completion + reasoning). Output tokens here always include reasoning, so
 * the xAI shape is detected from its own total and the reasoning added back.
 */
export function openAiUsage(u: Json): Usage {
  const input = tokenCount(u.prompt_tokens ?? u.input_tokens);
  const completion = tokenCount(u.completion_tokens ?? u.output_tokens);
  const reasoning = tokenCount(asObject(u.completion_tokens_details)?.reasoning_tokens);
  const total = tokenCount(u.total_tokens);
  const excludesReasoning = reasoning > 0 && total === input + completion + reasoning;
  const usage: Usage = { inputTokens: input, outputTokens: excludesReasoning ? completion + reasoning : completion };
  if (reasoning > 0) usage.reasoningTokens = reasoning;
  return usage;
}
