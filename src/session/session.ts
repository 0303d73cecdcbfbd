/**
 * The one object the TUI and `-p` talk to: a transcript, the provider that feeds it,
 * the running turn, cumulative usage, and the append-only log on disk.
 *
 * Turns run in the background: `send` returns at once and events stream into the
 * transcript (and the log) as they arrive. A prompt sent while a turn runs waits for
 * it (like Claude Code's queue); `cancel` (Esc) ends the turn at once, keeping the
 * partial answer marked interrupted, and drops waiting prompts.
 *
 * /new starts a fresh conversation in a new log (the old one stays resumable with
 * `petrel --resume ID`). /clear only empties the screen, like a terminal's clear: the
 * model keeps the whole conversation, and a resumed session shows all of it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { realClock, type Clock } from "../provider/clock.ts";
import type { AgentEvent, HistoryMessage, Provider, Usage } from "../provider/events.ts";
import { LOG_VERSION, parseLog, type LogRecord } from "../provider/recording.ts";
import {
  compactionPrompt,
  DEFAULT_COMPACT_AT,
  estimateTokens,
  fitForSummary,
  isLengthRefusal,
  KEEP_TURNS,
  stubOldToolResults,
  summaryMessage,
  summaryReserve,
  type CompactionState,
} from "./compaction.ts";
import { FLUSH_MS, LogWriter } from "./log-writer.ts";
import { SessionNotFound, type SessionStore } from "./store.ts";
import type { Attachment } from "./blocks.ts";
import { Transcript } from "./transcript.ts";

export interface SessionOptions {
  /** Builds the provider for a model; /model calls it again with the new name. */
  connect(model: string): Provider;
  model: string;
  /** Where logs live; null keeps the session in memory (benchmarks, tests). */
  store: SessionStore | null;
  clock?: Clock;
  flushMs?: number;
  /** The model's context window in tokens, where known: compaction acts on its own only then. */
  contextWindow?: (model: string) => number | undefined;
  /** Compact before a turn whose request would pass this share of the window; 0 turns it off. */
  compactAt?: number;
}

interface Turn {
  abort: AbortController;
  startedAt: number;
  ended: boolean;
  usage: Usage;
  failed: boolean;
}

const ZERO: Usage = { inputTokens: 0, outputTokens: 0 };

export class Session {
  readonly transcript = new Transcript();
  private readonly clock: Clock;
  private current: Turn | undefined;
  private queue: { prompt: string; attachments?: Attachment[] }[] = [];
  private spent: Usage = { ...ZERO };
  private lastTurn: Usage = { ...ZERO };
  private engine: Provider;
  private sessionId: string;
  private log: LogWriter | undefined;
  private stateListeners = new Set<() => void>();
  private eventListeners = new Set<(event: AgentEvent) => void>();
  private idleWaiters: (() => void)[] = [];
  private lastFailed = false;
  /** What requests send in place of the turns before `fromTurn` (see compaction.ts). */
  private compaction: CompactionState | undefined;
  /** A /compact running outside a turn; prompts wait for it like for a turn. */
  private compacting: AbortController | undefined;

  private constructor(
    private readonly options: SessionOptions,
    id?: string,
  ) {
    this.clock = options.clock ?? realClock;
    this.engine = options.connect(options.model);
    this.sessionId = id ?? this.newId();
    this.log = this.openLog();
  }

  /** A new, empty session. Its log file appears with the first prompt. */
  static create(options: SessionOptions): Session {
    return new Session(options);
  }

  /**
   * Reopens a saved session (the latest without an id, or by id or unique id prefix):
   * the transcript is rebuilt from the log and new turns append to the same file.
   * Throws SessionNotFound.
   */
  static resume(options: SessionOptions & { store: SessionStore }, id?: string): Session {
    const found = options.store.resolve(id);
    const session = new Session(options, found);
    session.restore(readFileSync(options.store.pathFor(found), "utf8"));
    return session;
  }

  get id(): string {
    return this.sessionId;
  }

  get provider(): { name: string; model: string } {
    return { name: this.engine.name, model: this.engine.model };
  }

  /** Cumulative usage: finished turns plus what the running turn has reported so far. */
  get usage(): Usage {
    return add(this.spent, this.current?.usage ?? ZERO);
  }

  /** The running turn's usage so far, else the last finished turn's (context used, the turn's cost). */
  get turnUsage(): Usage {
    return this.current?.usage ?? this.lastTurn;
  }

  get running(): boolean {
    return this.current !== undefined || this.compacting !== undefined;
  }

  /** The model's context window in tokens, when known. */
  get contextWindow(): number | undefined {
    return this.options.contextWindow?.(this.engine.model);
  }

  /** Estimated tokens the next request would send (the history after compaction). */
  get contextTokens(): number {
    return estimateTokens(this.historyToSend());
  }

  /** Prompts waiting for the running turn to end. */
  get queued(): number {
    return this.queue.length;
  }

  /** The path of this session's log, or undefined when it is kept in memory. */
  get logPath(): string | undefined {
    return this.log?.path;
  }

  /** True when the last finished turn ended in an error or was cancelled (for `-p`'s exit code). */
  get lastTurnFailed(): boolean {
    return this.lastFailed;
  }

  /** Called when running, usage, model or session id change. Returns an unsubscribe. */
  onState(cb: () => void): () => void {
    this.stateListeners.add(cb);
    return () => this.stateListeners.delete(cb);
  }

  /** Every provider event as it is applied (what `-p --json` prints). */
  onEvent(cb: (event: AgentEvent) => void): () => void {
    this.eventListeners.add(cb);
    return () => this.eventListeners.delete(cb);
  }

  /** `attachments` (files and `!` output the user attached with "@") go to the model after the prompt. */
  send(prompt: string, attachments?: Attachment[]): void {
    if (prompt.trim() === "") return;
    if (this.running) {
      this.queue.push({ prompt, attachments });
      this.emitState();
      return;
    }
    this.startTurn(prompt, attachments);
  }

  /** Ends the running turn and drops the waiting prompts; returns them (the chat puts them back in the input). */
  cancel(): string[] {
    const dropped = this.queue;
    this.queue = [];
    this.compacting?.abort();
    const turn = this.current;
    if (turn) {
      turn.abort.abort();
      this.recordQuietly(turn, { type: "turn_end", finishReason: "cancelled" });
    }
    // the "@" words are still in the text: sent again, they attach again
    return dropped.map((q) => q.prompt);
  }

  /** Resolves once no turn runs and no prompt waits. */
  idle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** /model: the next turn uses `model`; a running turn finishes with the old one. */
  setModel(model: string): void {
    this.engine = this.options.connect(model);
    this.log?.append({ type: "model", at: this.clock.now(), provider: this.engine.name, model });
    this.emitState();
  }

  /** /new: a fresh conversation in a new log; the old one stays resumable. */
  newSession(): void {
    this.cancel();
    this.log?.close();
    this.sessionId = this.newId();
    this.log = this.openLog();
    this.transcript.clear();
    this.compaction = undefined;
    this.spent = { ...ZERO };
    this.lastTurn = { ...ZERO };
    this.lastFailed = false;
    this.emitState();
  }

  /**
   * /compact [focus]: the model summarizes the conversation and later requests send the
   * summary and the last turn instead of everything before it. The transcript and the
   * log keep everything. Throws when a turn is running.
   */
  async compact(focus?: string): Promise<void> {
    if (this.running) throw new Error("a turn is running: wait for it to end or press Esc first");
    const abort = new AbortController();
    this.compacting = abort;
    this.emitState();
    try {
      await this.compactNow(abort.signal, focus, "command");
    } finally {
      this.compacting = undefined;
      this.afterTurn();
    }
  }

  /**
   * /sessions: continue a saved session in place of this one, which stays resumable.
   * Its last /model choice comes back with it. Throws SessionNotFound.
   */
  switchTo(id: string): void {
    const store = this.options.store;
    if (!store) throw new SessionNotFound("this chat keeps no saved sessions");
    const found = store.resolve(id);
    const text = readFileSync(store.pathFor(found), "utf8");
    this.cancel();
    this.log?.close();
    this.sessionId = found;
    this.transcript.clear();
    this.compaction = undefined;
    this.spent = { ...ZERO };
    this.lastTurn = { ...ZERO };
    this.lastFailed = false;
    if (this.engine.model !== this.options.model) this.engine = this.options.connect(this.options.model);
    this.log = this.openLog();
    this.restore(text);
    this.emitState();
  }

  /** /clear: an empty screen, the same conversation (see the note at the top). */
  clear(): void {
    this.transcript.clearScreen();
  }

  /** /export [FILE]: the conversation as markdown; returns the absolute path written. */
  async exportMarkdown(file?: string): Promise<string> {
    const path = resolvePath(file ?? `petrel-${this.sessionId}.md`);
    const header = `# petrel session ${this.sessionId}\n\n*${this.engine.name} · ${this.engine.model}*\n\n`;
    writeFileSync(path, header + this.transcript.toMarkdown());
    return path;
  }

  /** Writes everything logged so far (call before exit). */
  async flush(): Promise<void> {
    this.log?.flush();
  }

  private newId(): string {
    return this.options.store?.newId(this.clock.now()) ?? `memory-${this.clock.now()}`;
  }

  private openLog(): LogWriter | undefined {
    const store = this.options.store;
    if (!store) return undefined;
    const header: LogRecord = {
      type: "session",
      version: LOG_VERSION,
      id: this.sessionId,
      created: new Date(this.clock.now()).toISOString(),
      provider: this.engine.name,
      model: this.engine.model,
    };
    return new LogWriter(
      store.pathFor(this.sessionId),
      this.clock,
      header,
      (message) => this.transcript.error(message),
      this.options.flushMs ?? FLUSH_MS,
    );
  }

  private startTurn(prompt: string, attachments?: Attachment[]): void {
    const now = this.clock.now();
    this.transcript.addUser(prompt, attachments);
    this.log?.append({ type: "user", at: now, text: prompt, ...(attachments?.length && { attachments }) }, true);
    const turn: Turn = { abort: new AbortController(), startedAt: now, ended: false, usage: { ...ZERO }, failed: false };
    this.current = turn;
    this.emitState();
    void this.pump(turn, this.engine);
  }

  private async pump(turn: Turn, provider: Provider): Promise<void> {
    let history = this.historyToSend();
    if (this.compactAt() > 0 && this.overWindow(history, this.compactAt())) {
      await this.compactNow(turn.abort.signal, undefined, "auto");
      if (turn.ended) return;
      history = this.historyToSend();
    }
    let retried = false;
    try {
      attempts: for (;;) {
        let answered = false;
        for await (const event of provider.stream({ history, signal: turn.abort.signal })) {
          if (turn.ended) break attempts;
          // a refusal for length comes before any output: compact once and ask again, never in a loop
          if (!retried && !answered && event.type === "error" && event.retryInMs === undefined && isLengthRefusal(event.message)) {
            retried = true;
            this.transcript.notice(`The server refused the request as too long (${event.message}); compacting and trying once more`);
            if (await this.compactNow(turn.abort.signal, undefined, "refused")) {
              if (turn.ended) break attempts;
              history = this.historyToSend();
              continue attempts;
            }
            if (turn.ended) break attempts;
          }
          if (event.type !== "turn_start" && event.type !== "notice") answered = true;
          this.record(turn, event);
          if (turn.ended) break attempts;
        }
        break;
      }
    } catch (err) {
      if (!turn.ended) {
        const message = err instanceof Error ? err.message : String(err);
        this.recordQuietly(turn, { type: "error", message: `${provider.name} failed: ${message}` });
      }
    }
    if (!turn.ended) this.recordQuietly(turn, { type: "turn_end", finishReason: turn.failed ? "error" : "stop" });
  }

  /** For the last events of a turn: a listener that throws again must not leave the turn open. */
  private recordQuietly(turn: Turn, event: AgentEvent): void {
    try {
      this.record(turn, event);
    } catch {
      // the turn's bookkeeping ran (see record); the failing listener has been told once already
    }
  }

  private record(turn: Turn, event: AgentEvent): void {
    const now = this.clock.now();
    this.log?.append({ type: "event", t: now - turn.startedAt, event }, event.type === "turn_end");
    try {
      this.transcript.apply(event, now);
      for (const cb of this.eventListeners) cb(event);
    } finally {
      this.account(turn, event);
    }
  }

  /** Session state an event changes: failure, usage, and the end of the turn. */
  private account(turn: Turn, event: AgentEvent): void {
    if (event.type === "error" && event.retryInMs === undefined) turn.failed = true;
    if (event.type === "usage") {
      turn.usage = event.usage;
      this.emitState();
    } else if (event.type === "turn_end") {
      turn.ended = true;
      this.current = undefined;
      this.spent = add(this.spent, turn.usage);
      this.lastTurn = turn.usage;
      // an interrupted answer is not a whole one: `-p` exits non-zero for it
      this.lastFailed = turn.failed || event.finishReason === "error" || event.finishReason === "cancelled";
      this.afterTurn();
    }
  }

  /** The next waiting prompt starts, or the session is idle. */
  private afterTurn(): void {
    const next = this.queue.shift();
    if (next !== undefined) this.startTurn(next.prompt, next.attachments);
    else {
      this.emitState();
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /** The history a request sends: the summary and the turns after it, old large tool output stubbed when over the window's threshold. */
  private historyToSend(): HistoryMessage[] {
    const c = this.compaction;
    const kept = this.transcript.history(c?.fromTurn ?? 0);
    const messages = c ? [summaryMessage(c.summary), ...kept] : kept;
    // stubbing old tool output helps even with automatic compaction off
    return this.overWindow(messages, this.compactAt() || DEFAULT_COMPACT_AT) ? [...stubOldToolResults(messages).messages] : messages;
  }

  private compactAt(): number {
    return this.options.compactAt ?? DEFAULT_COMPACT_AT;
  }

  private overWindow(messages: readonly HistoryMessage[], share: number): boolean {
    const window = this.contextWindow;
    return window !== undefined && estimateTokens(messages) > window * share;
  }

  /**
   * Asks the model for a summary of the turns before the cut and sends that from now on.
   * The cut keeps the last turns verbatim: after /compact the last finished one, before a
   * turn the previous one and the new prompt, after a refusal for length only the prompt.
   * Returns false, having said why in the transcript, when it could not compact.
   */
  private async compactNow(signal: AbortSignal, focus: string | undefined, why: "command" | "auto" | "refused"): Promise<boolean> {
    const last = this.transcript.turnCount;
    const previous = this.compaction;
    const fromTurn = why === "auto" ? last - (KEEP_TURNS - 1) : last;
    if (fromTurn <= (previous?.fromTurn ?? 1)) {
      this.transcript.notice(
        why === "command"
          ? "Nothing to compact yet: the conversation is the last turn alone"
          : "The conversation cannot be compacted further: the last turn alone is too long for the model's window",
      );
      return false;
    }
    const before = [
      ...(previous ? [summaryMessage(previous.summary)] : []),
      ...this.transcript.history(previous?.fromTurn ?? 0, fromTurn),
    ];
    const tokensBefore = estimateTokens(before);
    const window = this.contextWindow;
    const budget = window === undefined ? Infinity : window * (this.compactAt() || DEFAULT_COMPACT_AT) - summaryReserve(window);
    const input = fitForSummary(stubOldToolResults(before, 0).messages, budget - estimateTokens([{ role: "user", content: compactionPrompt(focus, 1) }]));
    const request: HistoryMessage[] = [...input.messages, { role: "user", content: compactionPrompt(focus, input.omittedTurns) }];
    this.transcript.notice(`Compacting the conversation (~${tokensBefore.toLocaleString("en-US")} tokens before turn ${fromTurn}) into a summary…`);
    const parts: string[] = [];
    let usage: Usage = { ...ZERO };
    let failure: string | undefined;
    try {
      for await (const event of this.engine.stream({ history: request, signal, withoutTools: true })) {
        if (event.type === "text_delta") parts.push(event.text);
        else if (event.type === "usage") usage = event.usage;
        else if (event.type === "error" && event.retryInMs === undefined) failure = event.message;
      }
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
    this.spent = add(this.spent, usage);
    const summary = parts.join("").trim();
    if (signal.aborted) failure = "cancelled";
    else if (failure === undefined && summary === "") failure = "the model answered with an empty summary";
    if (failure !== undefined) {
      this.transcript.error(`Compaction failed: ${failure}; the conversation is sent as it was`);
      return false;
    }
    const state: CompactionState = { summary, fromTurn };
    this.compaction = state;
    this.log?.append({ type: "compaction", at: this.clock.now(), fromTurn, summary, usage, ...(focus && { focus }) }, true);
    this.transcript.notice(compactedText(fromTurn, tokensBefore, estimateTokens([summaryMessage(summary)])), state);
    this.emitState();
    return true;
  }

  /** Rebuilds the transcript and usage from a log, as if its events streamed again. */
  private restore(text: string): void {
    const { records, damaged, truncatedTail } = parseLog(text);
    let turnAt = 0;
    let open = false;
    let turnUsage: Usage = { ...ZERO };
    let model: string | undefined;
    for (const r of records) {
      switch (r.type) {
        case "user":
          turnAt = r.at;
          open = true;
          turnUsage = { ...ZERO };
          this.transcript.addUser(r.text, r.attachments);
          break;
        case "event":
          this.transcript.apply(r.event, turnAt + r.t);
          if (r.event.type === "usage") turnUsage = r.event.usage;
          if (r.event.type === "turn_end") {
            open = false;
            this.spent = add(this.spent, turnUsage);
            this.lastTurn = turnUsage;
            turnUsage = { ...ZERO };
          }
          break;
        case "model":
          model = r.model;
          break;
        case "compaction":
          this.compaction = { summary: r.summary, fromTurn: r.fromTurn };
          if (r.usage) this.spent = add(this.spent, r.usage);
          this.transcript.notice(`The conversation was compacted here: from then on the model saw a summary of turns 1–${r.fromTurn - 1}`, this.compaction);
          break;
      }
    }
    // only the last /model counts; connecting for each one would redo its work (--replay re-reads the recording)
    if (model !== undefined) this.engine = this.options.connect(model);
    if (open) {
      // The previous run died mid-turn: close the turn in the transcript and the log.
      const end: AgentEvent = { type: "turn_end", finishReason: "cancelled" };
      const now = this.clock.now();
      this.transcript.apply(end, now);
      this.log?.append({ type: "event", t: Math.max(0, now - turnAt), event: end }, true);
      this.spent = add(this.spent, turnUsage);
      this.lastTurn = turnUsage;
    }
    if (truncatedTail)
      this.transcript.notice("the log's last line was cut off (petrel stopped mid-write); it was skipped");
    if (damaged > 0) this.transcript.notice(`skipped ${damaged} damaged ${damaged === 1 ? "line" : "lines"} in the log`);
    this.transcript.notice(`resumed session ${this.sessionId}`);
  }

  private emitState(): void {
    for (const cb of this.stateListeners) cb();
  }
}

function compactedText(fromTurn: number, tokensBefore: number, tokensAfter: number): string {
  const n = (x: number) => x.toLocaleString("en-US");
  return (
    `Compacted turns 1–${fromTurn - 1} (~${n(tokensBefore)} tokens) into a summary of ~${n(tokensAfter)} tokens: ` +
    "the model now sees the summary and the turns after it. The transcript stays as it was; /export shows the summary."
  );
}

function add(a: Usage, b: Usage): Usage {
  const sum: Usage = { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens };
  const reasoning = (a.reasoningTokens ?? 0) + (b.reasoningTokens ?? 0);
  if (reasoning > 0) sum.reasoningTokens = reasoning;
  return sum;
}
