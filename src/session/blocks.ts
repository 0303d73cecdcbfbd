/**
 * The conversation as data: a flat list of blocks in display order. Each block is
 * one node of the transcript tree. Blocks are mutated in place by the Transcript,
 * which tells its listener exactly what changed, so the tree never diffs.
 */

export type ToolStatus = "pending" | "running" | "done" | "failed";

interface BlockBase {
  /** Unique within a transcript, increasing in display order. */
  readonly id: number;
  /** Which user turn the block belongs to (0 for blocks before the first prompt). */
  readonly turn: number;
}

/** A file (or a `!` command's output) the user attached with "@": the model gets it after the prompt. */
export interface Attachment {
  /** The path as typed, or "!" and the command. */
  name: string;
  /** What the model is sent. */
  text: string;
  /** What the transcript shows of it: "120 lines, 3.2 KB", or why the content was left out. */
  summary: string;
}

export interface UserBlock extends BlockBase {
  kind: "user";
  text: string;
  attachments?: Attachment[];
}

export interface TextBlock extends BlockBase {
  kind: "text";
  /** Markdown source; grows while streaming. */
  text: string;
  streaming: boolean;
  /** The turn was cancelled or failed while this block streamed. */
  interrupted: boolean;
}

export interface ReasoningBlock extends BlockBase {
  kind: "reasoning";
  text: string;
  streaming: boolean;
  /** Epoch ms of the first delta and of the end of reasoning. */
  startedAt: number;
  endedAt?: number;
  signature?: string;
}

export interface ToolBlock extends BlockBase {
  kind: "tool";
  callId: string;
  name: string;
  /** Raw argument JSON as streamed. */
  argsText: string;
  /** Parsed arguments once the call is complete. */
  args?: unknown;
  status: ToolStatus;
  startedAt: number;
  endedAt?: number;
  output?: string;
  /** A command the user ran with "!": shown, never sent to the model or exported. */
  local?: boolean;
}

export interface ErrorBlock extends BlockBase {
  kind: "error";
  message: string;
}

export interface NoticeBlock extends BlockBase {
  kind: "notice";
  text: string;
  /** Epoch ms a visible countdown runs to (retry after 429/5xx); the view animates it. */
  countdownUntil?: number;
  /** The conversation was compacted here: later requests send this summary instead of what came before. */
  compaction?: { summary: string; fromTurn: number };
}

/** The whole seconds a reasoning block took, as "Thought for Ns" shows them. */
export function thoughtSeconds(startedAt: number, endedAt: number): number {
  return Math.max(0, Math.round((endedAt - startedAt) / 1000));
}

export type Block = UserBlock | TextBlock | ReasoningBlock | ToolBlock | ErrorBlock | NoticeBlock;

export interface TranscriptListener {
  /** A new block at the end of the list. */
  added(block: Block): void;
  /** `delta` was appended to a text or reasoning block's `text` (or a tool's `argsText`). */
  appended(block: TextBlock | ReasoningBlock | ToolBlock, delta: string): void;
  /** Any other change to a block (status, result, streaming flag, countdown). */
  changed(block: Block): void;
  /** All blocks were removed (/new, /clear). */
  cleared(): void;
}
