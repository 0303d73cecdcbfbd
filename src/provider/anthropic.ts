/**
 * The Anthropic Messages API stream: named events, content blocks by index, tool
 * input as partial JSON parsed at block stop, thinking with a signature that must go
 * back with the history, cumulative usage in `message_delta`, `ping` anywhere and
 * `error` mid-stream. Unknown event and block types are ignored, as the docs ask.
 */
import type { AgentEvent, FinishReason, HistoryMessage, Provider, TurnRequest, Usage } from "./events.ts";
import { serverLabel, targetFor, urlRoot, type HttpProviderOptions } from "./http.ts";
import { sseTurn, type StreamDecoder } from "./sse-turn.ts";
import { asObject, parseToolArgs, tokenCount } from "./tool-args.ts";

export const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";
const API_VERSION = "2023-06-01";
const MAX_TOKENS = 8192;
/** The API's smallest thinking budget. */
export const MIN_THINKING_BUDGET = 1024;

export interface AnthropicOptions extends HttpProviderOptions {
  /** Tokens the model may think for before answering (extended thinking). */
  thinkingBudget?: number;
}

export class AnthropicProvider implements Provider {
  readonly name = "anthropic";
  readonly model: string;

  constructor(private readonly options: AnthropicOptions) {
    this.model = options.model;
  }

  stream(request: TurnRequest): AsyncIterable<AgentEvent> {
    const { baseUrl, apiKey, model, thinkingBudget: thinking } = this.options;
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "text/event-stream",
      "anthropic-version": API_VERSION,
    };
    if (apiKey) headers["x-api-key"] = apiKey;
    const root = urlRoot(baseUrl);
    return sseTurn(
      targetFor(this.options, {
        label: serverLabel(root, ANTHROPIC_DEFAULT_BASE_URL, "Anthropic", "the Anthropic-compatible server"),
        keyHint: "ANTHROPIC_API_KEY or api_key under [anthropic] in config.toml",
        url: `${root}${root.endsWith("/v1") ? "" : "/v1"}/messages`,
        headers,
        body: {
          model,
          // max_tokens counts the thinking too, and must leave room for an answer after it
          max_tokens: MAX_TOKENS + (thinking ?? 0),
          stream: true,
          ...(thinking && { thinking: { type: "enabled", budget_tokens: thinking } }),
          ...(this.options.system && { system: this.options.system }),
          messages: toAnthropicMessages(request.history),
        },
      }),
      request.signal,
      new AnthropicDecoder(),
    );
  }
}

type ContentBlock = Record<string, unknown>;
interface Message {
  role: "user" | "assistant";
  content: ContentBlock[];
}

/**
 * History as Messages: tool results travel in a user message, consecutive messages of
 * one role are merged (the API wants them alternating), empty text is dropped (the API
 * rejects it) and thinking goes back only with its signature.
 */
export function toAnthropicMessages(history: HistoryMessage[]): Message[] {
  const messages: Message[] = [];
  const add = (role: Message["role"], blocks: ContentBlock[]) => {
    if (blocks.length === 0) return;
    const last = messages.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else messages.push({ role, content: blocks });
  };
  for (const m of history) {
    switch (m.role) {
      case "user":
        add("user", m.content ? [{ type: "text", text: m.content }] : []);
        break;
      case "assistant": {
        const blocks: ContentBlock[] = [];
        if (m.reasoning && m.reasoningSignature)
          blocks.push({ type: "thinking", thinking: m.reasoning, signature: m.reasoningSignature });
        if (m.content) blocks.push({ type: "text", text: m.content });
        for (const c of m.toolCalls ?? [])
          blocks.push({ type: "tool_use", id: c.id, name: c.name, input: asObject(c.args) ?? {} });
        add("assistant", blocks);
        break;
      }
      case "tool":
        add("user", [
          { type: "tool_result", tool_use_id: m.toolCallId, content: m.content, ...(m.isError && { is_error: true }) },
        ]);
        break;
    }
  }
  return messages;
}

interface OpenBlock {
  type: string;
  id?: string;
  /** input_json_delta fragments, joined once at block stop. */
  parts: string[];
  signature: string[];
  initialInput?: unknown;
}

export class AnthropicDecoder implements StreamDecoder {
  done = false;
  failed = false;
  private finishReason: FinishReason | undefined;
  private readonly blocks = new Map<number, OpenBlock>();
  private readonly ids = new Set<string>();
  /** Raw usage, updated key by key: message_delta carries cumulative counts. */
  private usage: Record<string, unknown> = {};

  push(event: string, payload: unknown, out: AgentEvent[]): void {
    const data = payload as Record<string, unknown>;
    const type = typeof data.type === "string" ? data.type : event;
    switch (type) {
      case "message_start": {
        const usage = asObject(asObject(data.message)?.usage);
        if (usage) this.updateUsage(usage, out);
        break;
      }
      case "content_block_start":
        this.blockStart(data, out);
        break;
      case "content_block_delta":
        this.blockDelta(data, out);
        break;
      case "content_block_stop":
        this.blockStop(typeof data.index === "number" ? data.index : -1, out);
        break;
      case "message_delta": {
        const delta = asObject(data.delta) ?? {};
        if (typeof delta.stop_reason === "string") this.finishReason = delta.stop_reason;
        const usage = asObject(data.usage);
        if (usage) this.updateUsage(usage, out);
        break;
      }
      case "message_stop":
        this.done = true;
        break;
      case "error": {
        const error = asObject(data.error) ?? {};
        const kind = typeof error.type === "string" ? error.type : "error";
        const message = typeof error.message === "string" ? error.message : "unknown error";
        out.push({ type: "error", message: `Anthropic reported ${kind} mid-stream: ${message}` });
        this.failed = true;
        break;
      }
      // ping and event types added after this was written: nothing to do
    }
  }

  /** A whole Message, replayed as the events that would have streamed it. */
  whole(payload: object, out: AgentEvent[]): void {
    const message = payload as Record<string, unknown>;
    if (message.type === "error") return this.push("error", message, out);
    this.push("message_start", { type: "message_start", message }, out);
    const content = Array.isArray(message.content) ? message.content : [];
    content.forEach((raw, index) => {
      const block = asObject(raw) ?? {};
      this.push("content_block_start", { type: "content_block_start", index, content_block: block }, out);
      if (typeof block.signature === "string")
        this.push("content_block_delta", { type: "content_block_delta", index, delta: { type: "signature_delta", signature: block.signature } }, out);
      this.push("content_block_stop", { type: "content_block_stop", index }, out);
    });
    this.push("message_delta", { type: "message_delta", delta: { stop_reason: message.stop_reason } }, out);
    this.push("message_stop", { type: "message_stop" }, out);
  }

  finish(out: AgentEvent[]): FinishReason | undefined {
    for (const index of [...this.blocks.keys()]) this.blockStop(index, out);
    return this.finishReason;
  }

  private blockStart(data: Record<string, unknown>, out: AgentEvent[]): void {
    const index = typeof data.index === "number" ? data.index : this.blocks.size;
    // A server that reuses an index without stopping the block there: close it first.
    this.blockStop(index, out);
    const cb = asObject(data.content_block) ?? {};
    const type = typeof cb.type === "string" ? cb.type : "";
    const block: OpenBlock = { type, parts: [], signature: [] };
    this.blocks.set(index, block);
    if (type === "text" && typeof cb.text === "string" && cb.text) out.push({ type: "text_delta", text: cb.text });
    else if (type === "thinking" && typeof cb.thinking === "string" && cb.thinking)
      out.push({ type: "reasoning_delta", text: cb.thinking });
    else if (type === "tool_use" || type === "server_tool_use") {
      block.id = this.unusedId(typeof cb.id === "string" && cb.id ? cb.id : `toolu_${index}`);
      block.initialInput = cb.input;
      out.push({ type: "tool_call_start", id: block.id, name: typeof cb.name === "string" ? cb.name : "unknown_tool" });
    }
  }

  /** Events name calls by id: a block started again under an id already used gets its own. */
  private unusedId(id: string): string {
    let unique = id;
    for (let n = 2; this.ids.has(unique); n++) unique = `${id}_${n}`;
    this.ids.add(unique);
    return unique;
  }

  private blockDelta(data: Record<string, unknown>, out: AgentEvent[]): void {
    const block = typeof data.index === "number" ? this.blocks.get(data.index) : undefined;
    const delta = asObject(data.delta) ?? {};
    switch (delta.type) {
      case "text_delta":
        if (typeof delta.text === "string" && delta.text) out.push({ type: "text_delta", text: delta.text });
        break;
      case "thinking_delta":
        if (typeof delta.thinking === "string" && delta.thinking)
          out.push({ type: "reasoning_delta", text: delta.thinking });
        break;
      case "signature_delta":
        if (block && typeof delta.signature === "string") block.signature.push(delta.signature);
        break;
      case "input_json_delta":
        if (block?.id && typeof delta.partial_json === "string" && delta.partial_json) {
          block.parts.push(delta.partial_json);
          out.push({ type: "tool_call_delta", id: block.id, argsDelta: delta.partial_json });
        }
        break;
    }
  }

  private blockStop(index: number, out: AgentEvent[]): void {
    const block = this.blocks.get(index);
    if (!block) return;
    this.blocks.delete(index);
    if (block.id !== undefined) {
      const text = block.parts.join("");
      const args = (text === "" ? asObject(block.initialInput) : undefined) ?? parseToolArgs(text);
      out.push({ type: "tool_call_end", id: block.id, args });
    } else if (block.type === "thinking" && block.signature.length > 0) {
      out.push({ type: "reasoning_signature", signature: block.signature.join("") });
    }
  }

  private updateUsage(delta: Record<string, unknown>, out: AgentEvent[]): void {
    for (const [k, v] of Object.entries(delta)) if (v !== null && v !== undefined) this.usage[k] = v;
    out.push({ type: "usage", usage: anthropicUsage(this.usage) });
  }
}

/**
 * Anthropic's `input_tokens` leaves out cached prompt tokens; they are added back so
 * input means the whole prompt, as it does for OpenAI-compatible servers.
 */
export function anthropicUsage(u: Record<string, unknown>): Usage {
  return {
    inputTokens: tokenCount(u.input_tokens) + tokenCount(u.cache_creation_input_tokens) + tokenCount(u.cache_read_input_tokens),
    outputTokens: tokenCount(u.output_tokens),
  };
}
