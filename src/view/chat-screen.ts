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
import { MentionPicker } from "./mention-picker.ts";
import { openPicker, type PickerRequest } from "./picker.ts";
import { localServices, type ChatServices } from "./services.ts";
import { SHELL_HINT, ShellMode } from "./shell-mode.ts";
import { contextSegment, costSegment } from "./status/usage-figures.ts";
import type { Attachment } from "../session/blocks.ts";
import { attachPath, mentions } from "../workspace/mentions.ts";
import { completePath } from "../workspace/complete-path.ts";

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
  /** The workspace, the model list, saved sessions; tests may leave it out. */
  services?: ChatServices;
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
  private readonly services: ChatServices;
  private readonly shell: ShellMode;
  private readonly mentions: MentionPicker;
  /** Prompts resolve their attachments in order, so a quick second Enter cannot overtake the first. */
  private sending: Promise<void> = Promise.resolve();

  private readonly actions: Record<ChatAction, () => void> = {
    "popup.up": () => this.popup.move(-1),
    "popup.down": () => this.popup.move(1),
    "popup.complete": () => this.acceptCompletion(false),
    "popup.run": () => this.acceptCompletion(true),
    "popup.close": () => this.popup.show([]),
    "mention.up": () => this.mentions.move(-1),
    "mention.down": () => this.mentions.move(1),
    "mention.accept": () => this.mentions.accept(),
    "mention.close": () => this.mentions.close(),
    completePath: () => void this.completePath(),
    toggleAll: () => this.transcript.toggleAll(),
    interrupt: () => this.interrupt(),
    quit: () => this.options.quit(),
    cancel: () => this.cancelTurn(),
    clearSelection: () => this.transcript.clearSelection(),
    pageUp: () => this.transcript.pageUp(),
    pageDown: () => this.transcript.pageDown(),
    top: () => this.transcript.toTop(),
    bottom: () => this.transcript.toBottom(),
    toggleLatest: () => this.transcript.toggleAtPointer(),
    copyLastAnswer: () => this.copyLastAnswer(),
  };

  constructor(
    private readonly renderer: CliRenderer,
    private readonly session: Session,
    private readonly options: ChatScreenOptions,
  ) {
    const theme = options.theme;
    const custom = withCustomCommands(SLASH_COMMANDS, options.customCommands?.commands ?? []);
    this.commands = custom.commands;
    this.services = options.services ?? localServices(() => session.provider.model);
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
    const figures = this.services.figures;
    for (const segment of [modelSegment(session), usageSegment(session), contextSegment(session, figures), costSegment(session, figures), activity, queueSegment(session), this.hint, this.stats])
      this.status.addSegment(segment);
    this.popup = new CompletionPopup(renderer, theme);
    this.shell = new ShellMode(session.transcript, this.services.cwd, options.now, () => this.status.refresh());
    this.mentions = new MentionPicker(renderer, theme, this.composer, this.services.cwd, () => this.shell.lastCommand);

    const layout = new BoxRenderable(renderer, { width: "100%", height: "100%", flexDirection: "column" });
    layout.add(this.transcript.view);
    layout.add(this.composerBox);
    layout.add(this.status);
    layout.add(this.popup);
    layout.add(this.mentions.picker);
    renderer.root.add(layout);
    this.modals = new ModalHost(renderer.root, this.composer);

    this.composer.onSend = (text) => this.submit(text);
    this.composer.onChange = (text) => {
      this.updatePopup(text);
      this.mentions.update();
      if (this.mentions.isOpen) this.mentions.picker.bottom = this.composerBox.height + 1;
    };
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
    return {
      popupOpen: this.popup.open,
      // with nothing matching, Enter sends and the arrows walk the history as usual
      mentionOpen: this.mentions.isOpen && this.mentions.picker.hasMatch,
      composerEmpty: this.composer.text.length === 0,
      running: this.session.running || this.shell.running,
    };
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
    this.shell.cancel();
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
    this.mentions.close();
    this.transcript.toBottom();
    if (text.startsWith("!")) {
      const command = text.slice(1).trim();
      if (command === "") this.flash("Type a shell command after ! (its output is shown, not sent)");
      else {
        this.shell.run(command);
        this.flash(SHELL_HINT);
      }
      return;
    }
    this.sending = this.sending.then(async () => {
      const attachments = await this.attachmentsFor(text);
      this.session.send(text, attachments);
    });
  }

  /** The files, folders and "!" output the prompt's "@" words name; other "@words" stay text. */
  private async attachmentsFor(text: string): Promise<Attachment[]> {
    const out: Attachment[] = [];
    for (const word of mentions(text)) {
      if (word === "!") {
        const last = this.shell.lastAttachment();
        if (last) out.push(last);
        else this.flash("@! attaches the output of the last ! command; none ran yet");
        continue;
      }
      try {
        const attached = await attachPath(this.services.cwd, word);
        if (attached) out.push(attached);
      } catch (err) {
        this.flash(`could not attach ${word}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return out;
  }

  /** Tab outside the pickers: completes the path-like word before the cursor, as a shell does. */
  private async completePath(): Promise<void> {
    const text = this.composer.text;
    const offset = this.composer.cursorOffset;
    const m = /(^|\s)(@?)(\S+)$/.exec(text.slice(0, offset));
    if (!m || text.startsWith("/")) return;
    const word = m[3]!;
    const { word: completed, candidates } = await completePath(this.services.cwd, word);
    if (this.composer.text !== text || this.composer.cursorOffset !== offset) return; // typed on meanwhile
    if (completed !== word) {
      const start = offset - word.length;
      this.composer.setText(text.slice(0, start) + completed + text.slice(offset));
      this.composer.cursorOffset = start + completed.length;
    }
    if (candidates.length > 1) this.flash(candidates.slice(0, 8).join("  ") + (candidates.length > 8 ? `  … +${candidates.length - 8}` : ""));
  }

  /** Tab puts the chosen command in the composer; Enter runs it, unless it takes an argument. */
  private acceptCompletion(run: boolean): void {
    const cmd = this.popup.current;
    if (!cmd) return;
    this.popup.show([]);
    // an optional argument ("[NAME]") does not stop Enter from running the command
    if (run && (!cmd.args || cmd.args.startsWith("["))) {
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
      pick: <T,>(request: PickerRequest<T>) => openPicker(this.modals, this.renderer, this.options.theme, request),
      services: this.services,
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
