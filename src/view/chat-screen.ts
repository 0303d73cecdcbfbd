import { BoxRenderable, type CliRenderer, type KeyEvent, type PasteEvent } from "@opentui/core";
import type { Theme } from "../render/theme.ts";
import type { Session } from "../session/session.ts";
import { Clipboard, type TerminalWrite } from "./clipboard.ts";
import type { CommandContext } from "./commands/command.ts";
import type { LoadedCommands } from "../config/commands.ts";
import type { SlashCommand } from "./commands/command.ts";
import { withCustomCommands } from "./commands/custom.ts";
import { SLASH_COMMANDS } from "./commands/index.ts";
import { completions, findCommand, parseSlash } from "./commands/registry.ts";
import { CompletionPopup } from "./completion-popup.ts";
import { Composer } from "./composer.ts";
import type { Timers } from "./frame-loop.ts";
import { FpsMeter, statsFigures } from "./frame-stats.ts";
import { CHAT_KEYMAP, keyHelp, resolveKey, type ChatAction, type KeyState } from "./keymap.ts";
import { ModalHost } from "./modal.ts";
import { toRGBA } from "./row-painter.ts";
import { ActivitySegment, HintSegment, modelSegment, queueSegment, StatsSegment, usageSegment } from "./status/segments.ts";
import { StatusLine } from "./status/status-line.ts";
import { TranscriptController } from "./transcript-controller.ts";

export interface ChatScreenOptions {
  theme: Theme;
  fps: number;
  stats: boolean;
  timers: Timers;
  /** Wall-clock epoch ms (blocks carry epoch timestamps). */
  now: () => number;
  quit: () => void;
  /** Writes a heap snapshot and returns its path. */
  heapSnapshot: () => string;
  cacheBudgetBytes?: number;
  /** Markdown command files (project and user) that become slash commands. */
  customCommands?: LoadedCommands;
  /** Raw writes to the terminal, for OSC 52 (the clipboard); without it nothing can be copied. */
  writeTerminal?: TerminalWrite;
}

/** How long a status hint shows, and how long a first Ctrl+C stays armed. */
const QUIT_WINDOW_MS = 2000;

/**
 * The interactive screen: transcript, composer, completion popup, status line and
 * modals, wired to the session. Which key does what is `keymap.ts`; the commands are
 * `commands/`; the transcript's drawing lives in TranscriptController/TranscriptView.
 */
export class ChatScreen {
  readonly transcript: TranscriptController;
  readonly composer: Composer;
  readonly status: StatusLine;
  readonly modals: ModalHost;
  readonly commands: readonly SlashCommand[];
  private readonly popup: CompletionPopup;
  private readonly composerBox: BoxRenderable;
  private readonly clipboard: Clipboard;
  private readonly hint = new HintSegment(QUIT_WINDOW_MS);
  private readonly stats: StatsSegment;
  private quitArmedUntil = 0;
  private readonly unsubscribe: (() => void)[];

  private readonly actions: Record<ChatAction, () => void> = {
    "popup.up": () => this.popup.move(-1),
    "popup.down": () => this.popup.move(1),
    "popup.complete": () => this.acceptCompletion(false),
    "popup.run": () => this.acceptCompletion(true),
    "popup.close": () => this.popup.show([]),
    interrupt: () => this.interrupt(),
    quit: () => this.options.quit(),
    cancel: () => this.cancelTurn(),
    clearSelection: () => this.transcript.clearSelection(),
    pageUp: () => this.transcript.pageUp(),
    pageDown: () => this.transcript.pageDown(),
    top: () => this.transcript.toTop(),
    bottom: () => this.transcript.toBottom(),
    toggleLatest: () => this.transcript.toggleLatest(),
    copyLastAnswer: () => this.copyLastAnswer(),
  };

  constructor(
    renderer: CliRenderer,
    private readonly session: Session,
    private readonly options: ChatScreenOptions,
  ) {
    const theme = options.theme;
    const custom = withCustomCommands(SLASH_COMMANDS, options.customCommands?.commands ?? []);
    this.commands = custom.commands;
    const muted = toRGBA(theme.ui.muted.fg ?? 8);
    this.transcript = new TranscriptController(renderer, {
      theme,
      fps: options.fps,
      timers: options.timers,
      now: options.now,
      cacheBudgetBytes: options.cacheBudgetBytes,
      copy: (text) => this.copy(text, "selection"),
      afterFrame: () => this.status.refresh(),
    });
    this.clipboard = new Clipboard(options.writeTerminal);
    this.composer = new Composer(renderer, theme);
    this.composerBox = new BoxRenderable(renderer, {
      width: "100%",
      border: ["top"],
      borderStyle: "single",
      borderColor: muted,
      flexShrink: 0,
    });
    this.composerBox.add(this.composer);
    this.status = new StatusLine(renderer, options.timers, muted);
    const activity = new ActivitySegment(session);
    const meter = new FpsMeter();
    this.stats = new StatsSegment(options.stats, (now) => statsFigures(this.transcript.stats, meter, now), this.hint);
    for (const segment of [modelSegment(session), usageSegment(session), activity, queueSegment(session), this.hint, this.stats]) this.status.addSegment(segment);
    this.popup = new CompletionPopup(renderer, theme);

    const layout = new BoxRenderable(renderer, { width: "100%", height: "100%", flexDirection: "column" });
    layout.add(this.transcript.view);
    layout.add(this.composerBox);
    layout.add(this.status);
    layout.add(this.popup);
    renderer.root.add(layout);
    this.modals = new ModalHost(renderer.root, this.composer);

    this.composer.onSend = (text) => this.submit(text);
    this.composer.onChange = (text) => this.updatePopup(text);
    this.composer.focus();
    const onKey = (key: KeyEvent) => this.onKey(key);
    const onPaste = (event: PasteEvent) => this.modals.takePaste(event);
    renderer.keyInput.on("keypress", onKey);
    renderer.keyInput.on("paste", onPaste);
    this.unsubscribe = [
      () => renderer.keyInput.off("keypress", onKey),
      () => renderer.keyInput.off("paste", onPaste),
      session.onState(() => this.status.refresh()),
      session.onEvent((e) => e.type === "turn_end" && activity.turnEnded()),
    ];
    this.transcript.view.welcome = () => welcomeLines(session);
    this.transcript.attach(session.transcript);
    for (const problem of [...(options.customCommands?.problems ?? []), ...custom.problems])
      session.transcript.notice(`Custom command skipped: ${problem}`);
    this.status.refresh();
  }

  destroy(): void {
    for (const off of this.unsubscribe) off();
    this.modals.closeAll();
    this.transcript.destroy();
    this.status.destroy();
  }

  // --- keys ---

  private keyState(): KeyState {
    return { popupOpen: this.popup.open, composerEmpty: this.composer.text.length === 0, running: this.session.running };
  }

  private onKey(key: KeyEvent): void {
    if (this.modals.takeKey(key)) return;
    const action = resolveKey(CHAT_KEYMAP, key, this.keyState());
    if (action === null) return;
    key.preventDefault();
    this.actions[action]();
  }

  /** Esc or Ctrl+C during a turn: the partial answer stays; prompts waiting for it go back to the input. */
  private cancelTurn(): void {
    const queued = this.session.cancel();
    if (queued.length === 0) return this.flash("Cancelled");
    const typed = this.composer.text;
    this.composer.setValue([...queued, ...(typed ? [typed] : [])].join("\n"));
    this.flash(`Cancelled — ${queued.length === 1 ? "the queued prompt is" : `${queued.length} queued prompts are`} back in the input`);
  }

  /** Ctrl+C when idle: clear the input, or arm quitting, or quit when armed. */
  private interrupt(): void {
    const now = this.options.timers.now();
    if (this.composer.text.length > 0) {
      this.composer.clear();
      this.quitArmedUntil = now + QUIT_WINDOW_MS;
      this.flash("Input cleared — Ctrl+C again to quit");
      return;
    }
    if (now < this.quitArmedUntil) {
      this.options.quit();
      return;
    }
    this.quitArmedUntil = now + QUIT_WINDOW_MS;
    this.flash("Press Ctrl+C again to quit");
  }

  // --- sending and commands ---

  private submit(text: string): void {
    this.popup.show([]);
    const slash = text.startsWith("/") ? parseSlash(text) : null;
    if (slash) {
      void this.command(slash.name, slash.arg);
      return;
    }
    this.transcript.toBottom();
    this.session.send(text);
  }

  /** Tab puts the chosen command in the composer; Enter runs it, unless it takes an argument. */
  private acceptCompletion(run: boolean): void {
    const cmd = this.popup.current;
    if (!cmd) return;
    this.popup.show([]);
    if (run && !cmd.args) {
      this.composer.clear();
      void this.command(cmd.name, "");
    } else {
      this.composer.setValue(cmd.name + (cmd.args ? " " : ""));
    }
  }

  private updatePopup(text: string): void {
    const items = completions(this.commands, text);
    this.popup.show(items);
    if (items.length > 0) this.popup.bottom = this.composerBox.height + 1;
  }

  private commandContext(): CommandContext {
    return {
      session: this.session,
      commands: this.commands,
      keyHelp: keyHelp(CHAT_KEYMAP),
      modals: this.modals,
      notice: (text) => this.session.transcript.notice(text),
      flash: (text) => this.flash(text),
      copyLastAnswer: () => this.copyLastAnswer(),
      toggleStats: () => {
        this.stats.enabled = !this.stats.enabled;
        this.status.refresh();
      },
      heapSnapshot: () => this.options.heapSnapshot(),
      quit: () => this.options.quit(),
    };
  }

  private async command(name: string, arg: string): Promise<void> {
    const command = findCommand(this.commands, name);
    if (!command) {
      this.session.transcript.notice(`Unknown command ${name} — /help lists the commands`);
      return;
    }
    try {
      await command.run(this.commandContext(), arg);
    } catch (err) {
      this.session.transcript.error(`${name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  // --- clipboard and hints ---

  private copyLastAnswer(): void {
    const blocks = this.session.transcript.blocks;
    for (let i = blocks.length - 1; i >= 0; i--) {
      const b = blocks[i]!;
      if (b.kind === "text") {
        this.copy(b.text, "the last answer");
        return;
      }
    }
    this.flash("No answer to copy yet");
  }

  private copy(text: string, what: string): void {
    this.flash(this.clipboard.copy(text, what));
  }

  private flash(text: string): void {
    this.hint.flash(text, this.options.timers.now());
    this.status.refresh();
  }
}

/** What the empty screen says; it names the model in use now (after /model and /clear too). */
function welcomeLines(session: Session): string[] {
  const { name, model } = session.provider;
  return [
    "petrel",
    `${name} · ${model}`,
    name === "demo" ? "No API key configured: this is the built-in demo agent (set OPENAI_API_KEY or ANTHROPIC_API_KEY)." : "",
    "Type a message and press Enter · /help lists keys and commands",
  ].filter((l) => l.length > 0);
}
