/**
 * What every provider produces, whatever the backend speaks. Providers know nothing
 * of rendering; the session turns these events into blocks.
 */

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Reasoning tokens when the backend reports them separately. */
  reasoningTokens?: number;
}

export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "cancelled" | "error" | (string & {});

export interface PlanEntry {
  content: string;
  status: "pending" | "in_progress" | "completed";
}

export type AgentEvent =
  | { type: "turn_start"; model?: string }
  | { type: "text_delta"; text: string }
  | { type: "reasoning_delta"; text: string }
  /** Opaque proof a backend needs to accept its reasoning back next turn (Anthropic). */
  | { type: "reasoning_signature"; signature: string }
  | { type: "tool_call_start"; id: string; name: string }
  | { type: "tool_call_delta"; id: string; argsDelta: string }
  /** `args` is the parsed JSON object, or the raw text when it did not parse. */
  | { type: "tool_call_end"; id: string; args: unknown }
  /**
   * `output` is what the model was given (capped); the user keeps the whole output from
   * the `tool_output` chunks (or `fullOutputPath` when it was spilled to a file).
   */
  | {
      type: "tool_result";
      id: string;
      output: string;
      isError?: boolean;
      summary?: string;
      diff?: string;
      fullOutputPath?: string;
    }
  /** Live output of a running tool (bash's stdout and stderr), appended to its block. */
  | { type: "tool_output"; id: string; text: string }
  /** The gate's decision on a tool call and who made it (every decision is logged). */
  | {
      type: "permission";
      id: string;
      tool: string;
      allow: boolean;
      by: "rule" | "mode" | "user" | "session";
      rule?: string;
      reason?: string;
    }
  /** A checklist (the todo tool, an ACP agent's plan) that replaces the turn's previous one. */
  | { type: "plan"; entries: PlanEntry[] }
  /** Totals so far for this turn (providers convert cumulative/partial reports). */
  | { type: "usage"; usage: Usage }
  /** `retryInMs` is set while a retry countdown runs; the turn is not over then. */
  | { type: "error"; message: string; retryInMs?: number }
  /** Something worth telling the user that is not a failure (e.g. malformed lines skipped). */
  | { type: "notice"; text: string }
  | { type: "turn_end"; finishReason: FinishReason };

/** One message of conversation history as sent back to a provider on the next turn. */
export type HistoryMessage =
  | { role: "user"; content: string }
  | {
      role: "assistant";
      content: string;
      reasoning?: string;
      /** Opaque data a provider needs to send its reasoning back (Anthropic's signature). */
      reasoningSignature?: string;
      toolCalls?: { id: string; name: string; args: unknown }[];
    }
  | { role: "tool"; toolCallId: string; name: string; content: string; isError?: boolean };

export interface TurnRequest {
  history: HistoryMessage[];
  signal: AbortSignal;
  /** A request that must not offer tools (the summary compaction asks for): an agent passes it straight to the model. */
  withoutTools?: boolean;
}

export interface Provider {
  /** "demo", "openai", "anthropic", "replay". */
  readonly name: string;
  readonly model: string;
  stream(request: TurnRequest): AsyncIterable<AgentEvent>;
}
