/**
 * The conversation as blocks, built by applying provider events in order. It tells
 * its one listener exactly what changed (see TranscriptListener), so a streamed delta
 * costs O(delta) here and in the tree: text only ever grows with `+=`.
 */
import type { AgentEvent, FinishReason, HistoryMessage } from "../provider/events.ts";
import { promptWithAttachments } from "./attachments.ts";
import type {
  Attachment,
  Block,
  ErrorBlock,
  NoticeBlock,
  ReasoningBlock,
  TextBlock,
  ToolBlock,
  TranscriptListener,
  UserBlock,
} from "./blocks.ts";
import { transcriptMarkdown } from "./markdown-export.ts";

/** What a tool block says when the turn ended before its result came. */
export const TOOL_NOT_RUN = "not run: petrel does not execute tools itself";

export class Transcript {
  /** What is on screen. */
  readonly blocks: Block[] = [];
  /** Blocks taken off the screen by `clearScreen`: still part of the conversation. */
  private offscreen: Block[] = [];
  private listener: TranscriptListener | undefined;
  private nextId = 1;
  private turn = 0;
  private openText: TextBlock | undefined;
  private openReasoning: ReasoningBlock | undefined;
  /** Tool blocks of the current turn by call id. */
  private tools = new Map<string, ToolBlock>();
  /** Every tool block of the current turn, also one a reused call id displaced from `tools`: all end with the turn. */
  private turnTools: ToolBlock[] = [];
  private countdown: NoticeBlock | undefined;
  /** Blocks with a smaller id were cleared off the screen: the listener no longer knows them. */
  private screenStart = 0;

  /** The listener hears every change from now on; `blocks` is the state so far. */
  setListener(listener: TranscriptListener | undefined): void {
    this.listener = listener;
  }

  addUser(text: string, attachments?: Attachment[]): UserBlock {
    this.turn++;
    this.forgetOpen(true);
    return this.add<UserBlock>({ kind: "user", text, ...(attachments?.length && { attachments }) });
  }

  /**
   * A `!` command the user runs, shown like a tool call but never part of the history.
   * Output that streams on goes into new blocks below it.
   */
  addShell(command: string, nowMs: number): ToolBlock {
    this.closeReasoning(nowMs);
    this.closeText();
    return this.add<ToolBlock>({
      kind: "tool",
      callId: `shell-${this.nextId}`,
      name: "!",
      argsText: command,
      args: { command },
      status: "running",
      startedAt: nowMs,
      local: true,
    });
  }

  /** More output of a `!` command. */
  shellOutput(block: ToolBlock, text: string): void {
    block.output = (block.output ?? "") + text;
    this.changed(block);
  }

  shellDone(block: ToolBlock, failed: boolean, nowMs: number): void {
    block.status = failed ? "failed" : "done";
    block.output ??= "";
    block.endedAt = nowMs;
    this.changed(block);
  }

  notice(text: string, compaction?: NoticeBlock["compaction"]): NoticeBlock {
    return this.add<NoticeBlock>({ kind: "notice", text, ...(compaction && { compaction }) });
  }

  /** The number of the latest user turn (0 before the first prompt). */
  get turnCount(): number {
    return this.turn;
  }

  error(message: string): ErrorBlock {
    return this.add<ErrorBlock>({ kind: "error", message });
  }

  /** Forgets the conversation (/new). */
  clear(): void {
    this.offscreen = [];
    this.blocks.length = 0;
    this.screenStart = this.nextId;
    this.turn = 0;
    this.forgetOpen(true);
    this.listener?.cleared();
  }

  /**
   * Empties the screen (/clear) but keeps the conversation: history and export still
   * hold the blocks. A turn still streaming goes on into new blocks.
   */
  clearScreen(): void {
    for (const b of this.blocks) this.offscreen.push(b);
    this.blocks.length = 0;
    this.screenStart = this.nextId;
    this.forgetOpen(false);
    this.listener?.cleared();
  }

  /**
   * Forgets the blocks deltas stream into, so the next delta starts a new block; with
   * `wholeTurn` also the turn's tool calls and retry countdown (a new turn or conversation).
   */
  private forgetOpen(wholeTurn: boolean): void {
    this.openText = undefined;
    this.openReasoning = undefined;
    if (wholeTurn) {
      this.tools = new Map();
      this.turnTools = [];
      this.countdown = undefined;
    }
  }

  apply(event: AgentEvent, nowMs: number): void {
    switch (event.type) {
      case "turn_start":
      case "usage":
        return;
      case "reasoning_delta": {
        if (event.text === "") return;
        let block = this.openReasoning;
        if (!block) {
          this.closeText();
          block = this.add<ReasoningBlock>({ kind: "reasoning", text: "", streaming: true, startedAt: nowMs });
          this.openReasoning = block;
        }
        block.text += event.text;
        this.appended(block, event.text);
        return;
      }
      case "reasoning_signature": {
        const block = this.openReasoning ?? this.lastOfTurn("reasoning");
        if (block) {
          block.signature = event.signature;
          this.changed(block);
        }
        return;
      }
      case "text_delta": {
        if (event.text === "") return;
        this.closeReasoning(nowMs);
        let block = this.openText;
        if (!block) {
          block = this.add<TextBlock>({ kind: "text", text: "", streaming: true, interrupted: false });
          this.openText = block;
        }
        block.text += event.text;
        this.appended(block, event.text);
        return;
      }
      case "tool_call_start": {
        this.closeReasoning(nowMs);
        this.closeText();
        const block = this.add<ToolBlock>({
          kind: "tool",
          callId: event.id,
          name: event.name,
          argsText: "",
          status: "pending",
          startedAt: nowMs,
        });
        this.tools.set(event.id, block);
        this.turnTools.push(block);
        return;
      }
      case "tool_call_delta": {
        const block = this.tools.get(event.id);
        if (!block || event.argsDelta === "") return;
        block.argsText += event.argsDelta;
        this.appended(block, event.argsDelta);
        return;
      }
      case "tool_call_end": {
        const block = this.tools.get(event.id);
        if (!block) return;
        block.args = event.args;
        block.status = "running";
        this.changed(block);
        return;
      }
      case "tool_result": {
        const block = this.tools.get(event.id);
        if (!block) return;
        block.output = event.output;
        block.status = event.isError ? "failed" : "done";
        block.endedAt = nowMs;
        this.changed(block);
        return;
      }
      case "notice":
        this.notice(event.text);
        return;
      case "error":
        if (event.retryInMs !== undefined) return this.retryCountdown(event.message, nowMs + event.retryInMs);
        // The error block that follows says what happened; "interrupted" is for the user's Esc.
        this.closeReasoning(nowMs);
        this.closeText();
        this.error(event.message);
        return;
      case "turn_end":
        return this.endTurn(event.finishReason, nowMs);
    }
  }

  /**
   * The conversation as the provider needs it next turn; with a range, only the blocks
   * of user turns `fromTurn` ≤ turn < `beforeTurn` (what compaction keeps or summarizes).
   */
  history(fromTurn = 0, beforeTurn = Infinity): HistoryMessage[] {
    const out: HistoryMessage[] = [];
    let content: string[] = [];
    let reasoning: ReasoningBlock[] = [];
    let tools: ToolBlock[] = [];
    const flush = () => {
      if (content.length > 0 || reasoning.length > 0 || tools.length > 0) {
        const message: HistoryMessage & { role: "assistant" } = { role: "assistant", content: content.join("") };
        if (reasoning.length > 0) message.reasoning = reasoning.map((r) => r.text).join("\n\n");
        // A signature vouches for one thinking block; merged blocks would fail its check.
        const signature = reasoning.length === 1 ? reasoning[0]!.signature : undefined;
        if (signature) message.reasoningSignature = signature;
        if (tools.length > 0) message.toolCalls = tools.map((t) => ({ id: t.callId, name: t.name, args: t.args ?? {} }));
        out.push(message);
        for (const t of tools)
          out.push({
            role: "tool",
            toolCallId: t.callId,
            name: t.name,
            content: t.output ?? "",
            ...(t.status === "failed" && { isError: true }),
          });
      }
      content = [];
      reasoning = [];
      tools = [];
    };
    for (const block of this.conversation()) {
      if (block.turn < fromTurn || block.turn >= beforeTurn) continue;
      switch (block.kind) {
        case "user":
          flush();
          out.push({ role: "user", content: promptWithAttachments(block.text, block.attachments) });
          break;
        case "reasoning":
          if (tools.length > 0) flush();
          reasoning.push(block);
          break;
        case "text":
          if (tools.length > 0) flush();
          content.push(block.text);
          break;
        case "tool":
          if (!block.local) tools.push(block);
          break;
      }
    }
    flush();
    return out;
  }

  toMarkdown(): string {
    return transcriptMarkdown([...this.conversation()]);
  }

  private *conversation(): Iterable<Block> {
    yield* this.offscreen;
    yield* this.blocks;
  }

  private changed(block: Block): void {
    if (block.id >= this.screenStart) this.listener?.changed(block);
  }

  private appended(block: TextBlock | ReasoningBlock | ToolBlock, delta: string): void {
    if (block.id >= this.screenStart) this.listener?.appended(block, delta);
  }

  private add<B extends Block>(fields: Omit<B, "id" | "turn">): B {
    const block = { id: this.nextId++, turn: this.turn, ...fields } as B;
    this.blocks.push(block);
    this.listener?.added(block);
    return block;
  }

  private lastOfTurn(kind: "reasoning"): ReasoningBlock | undefined {
    for (let i = this.blocks.length - 1; i >= 0; i--) {
      const b = this.blocks[i]!;
      if (b.turn !== this.turn) return undefined;
      if (b.kind === kind) return b;
    }
    return undefined;
  }

  private closeReasoning(nowMs: number): void {
    const block = this.openReasoning;
    if (!block) return;
    this.openReasoning = undefined;
    block.streaming = false;
    block.endedAt = nowMs;
    this.changed(block);
  }

  private closeText(interrupted = false): void {
    const block = this.openText;
    if (!block) return;
    this.openText = undefined;
    block.streaming = false;
    if (interrupted) block.interrupted = true;
    this.changed(block);
  }

  private retryCountdown(message: string, until: number): void {
    const last = this.blocks.at(-1);
    if (this.countdown && last === this.countdown) {
      this.countdown.text = message;
      this.countdown.countdownUntil = until;
      this.changed(this.countdown);
      return;
    }
    const block = this.add<NoticeBlock>({ kind: "notice", text: message, countdownUntil: until });
    this.countdown = block;
  }

  private endTurn(reason: FinishReason, nowMs: number): void {
    this.closeReasoning(nowMs);
    this.closeText(reason === "cancelled");
    for (const tool of this.turnTools) {
      if (tool.status !== "pending" && tool.status !== "running") continue;
      tool.status = "failed";
      tool.endedAt = nowMs;
      tool.output = reason === "cancelled" ? "cancelled" : reason === "error" ? "interrupted by an error" : TOOL_NOT_RUN;
      this.changed(tool);
    }
    if (this.countdown?.countdownUntil !== undefined && this.countdown.countdownUntil > nowMs) {
      this.countdown.countdownUntil = undefined;
      this.changed(this.countdown);
    }
    this.countdown = undefined;
  }
}
