import { BoxRenderable, TextRenderable, type CliRenderer, type KeyEvent } from "@opentui/core";
import type { Theme } from "../render/theme.ts";
import type { Session } from "../session/session.ts";
import { CompletionPopup } from "./completion-popup.ts";
import { Composer } from "./composer.ts";
import type { Timers } from "./frame-loop.ts";
import { toRGBA } from "./row-painter.ts";
import { HELP_TEXT, completions, parseSlash } from "./slash-commands.ts";
import { statusText, type StatsFigures } from "./status-line.ts";
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
}

const QUIT_WINDOW_MS = 2000;

/**
 * The interactive screen: transcript, composer, completion popup and status line, and
 * the keys and slash commands that tie them to the session. Layout and input only;
 * the transcript's drawing lives in TranscriptController/TranscriptView.
 */
export class ChatScreen {
  readonly transcript: TranscriptController;
  readonly composer: Composer;
  private readonly popup: CompletionPopup;
  private readonly composerBox: BoxRenderable;
  private readonly status: TextRenderable;
  private hint: { text: string; until: number } | null = null;
  private quitArmedUntil = 0;
  private showStats: boolean;
  private statusTimer: unknown = null;
  private statusShown = "";
  private readonly unsubscribe: () => void;
  private fpsWindow = { start: 0, frames: 0, fps: 0 };

  constructor(
    private readonly renderer: CliRenderer,
    private readonly session: Session,
    private readonly options: ChatScreenOptions,
  ) {
    const theme = options.theme;
    this.showStats = options.stats;
    this.transcript = new TranscriptController(renderer, {
      theme,
      fps: options.fps,
      timers: options.timers,
      now: options.now,
      cacheBudgetBytes: options.cacheBudgetBytes,
      copy: (text) => this.copy(text, "selection"),
      afterFrame: () => this.refreshStatus(),
    });
    this.composer = new Composer(renderer, theme);
    this.composerBox = new BoxRenderable(renderer, {
      width: "100%",
      border: ["top"],
      borderStyle: "single",
      borderColor: toRGBA(theme.ui.muted.fg ?? 8),
      flexShrink: 0,
    });
    this.composerBox.add(this.composer);
    this.status = new TextRenderable(renderer, { width: "100%", height: 1, flexShrink: 0, fg: toRGBA(theme.ui.muted.fg ?? 8) });
    this.popup = new CompletionPopup(renderer, theme);

    const layout = new BoxRenderable(renderer, { width: "100%", height: "100%", flexDirection: "column" });
    layout.add(this.transcript.view);
    layout.add(this.composerBox);
    layout.add(this.status);
    layout.add(this.popup);
    renderer.root.add(layout);

    this.composer.onSend = (text) => this.submit(text);
    this.composer.onChange = (text) => this.updatePopup(text);
    this.composer.focus();
    renderer.keyInput.on("keypress", (key: KeyEvent) => this.onKey(key));
    this.unsubscribe = session.onState(() => this.refreshStatus());
    this.transcript.view.welcome = [
      "petrel",
      `${session.provider.name} · ${session.provider.model}`,
      session.provider.name === "demo" ? "No API key configured: this is the built-in demo agent (set OPENAI_API_KEY or ANTHROPIC_API_KEY)." : "",
      "Type a message and press Enter · /help lists keys and commands",
    ].filter((l) => l.length > 0);
    this.transcript.attach(session.transcript);
    this.refreshStatus();
  }

  destroy(): void {
    this.unsubscribe();
    this.transcript.destroy();
    if (this.statusTimer !== null) this.options.timers.clear(this.statusTimer);
  }

  // --- keys ---

  private onKey(key: KeyEvent): void {
    const handled = this.globalKey(key);
    if (handled) key.preventDefault();
  }

  private globalKey(key: KeyEvent): boolean {
    const { name, ctrl, meta, shift } = key;
    const plain = !ctrl && !meta && !shift;
    if (this.popup.open) {
      if (plain && (name === "up" || name === "down")) {
        this.popup.move(name === "up" ? -1 : 1);
        return true;
      }
      if (plain && (name === "tab" || name === "return")) return this.acceptCompletion(name === "return");
      if (plain && name === "escape") {
        this.popup.show([]);
        return true;
      }
    }
    if (ctrl && name === "c") return this.ctrlC();
    if (ctrl && name === "d") {
      if (this.composer.text.length > 0) return false;
      this.options.quit();
      return true;
    }
    if (plain && name === "escape") {
      if (this.session.running) {
        this.session.cancel();
        this.flash("Cancelled");
      } else this.transcript.clearSelection();
      return true;
    }
    if (name === "pageup") return this.transcript.pageUp(), true;
    if (name === "pagedown") return this.transcript.pageDown(), true;
    const composerEmpty = this.composer.text.length === 0;
    if (name === "home" && (ctrl || composerEmpty)) return this.transcript.toTop(), true;
    if (name === "end" && (ctrl || composerEmpty)) return this.transcript.toBottom(), true;
    if (ctrl && name === "o") return this.transcript.toggleLatest(), true;
    if (ctrl && name === "y") return this.copyLastAnswer(), true;
    return false;
  }

  private ctrlC(): boolean {
    const now = this.options.timers.now();
    if (this.composer.text.length > 0) {
      this.composer.clear();
      this.quitArmedUntil = now + QUIT_WINDOW_MS;
      this.flash("Input cleared — Ctrl+C again to quit");
      return true;
    }
    if (now < this.quitArmedUntil) {
      this.options.quit();
      return true;
    }
    this.quitArmedUntil = now + QUIT_WINDOW_MS;
    this.flash("Press Ctrl+C again to quit");
    return true;
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

  private acceptCompletion(run: boolean): boolean {
    const cmd = this.popup.current;
    if (!cmd) return false;
    this.popup.show([]);
    if (run && !cmd.args) {
      this.composer.clear();
      void this.command(cmd.name, "");
    } else {
      this.composer.setValue(cmd.name + (cmd.args ? " " : ""));
    }
    return true;
  }

  private updatePopup(text: string): void {
    const items = completions(text);
    this.popup.show(items);
    if (items.length > 0) this.popup.bottom = this.composerBox.height + 1;
  }

  private async command(name: string, arg: string): Promise<void> {
    const t = this.session.transcript;
    try {
      switch (name) {
        case "/help":
          t.notice(HELP_TEXT);
          break;
        case "/new":
          this.session.newSession();
          t.notice(`New session ${this.session.id}`);
          break;
        case "/clear":
          this.session.clear();
          break;
        case "/model":
          if (arg) {
            this.session.setModel(arg);
            t.notice(`Model: ${this.session.provider.model} (${this.session.provider.name})`);
          } else t.notice(`Model: ${this.session.provider.model} (${this.session.provider.name}) — /model NAME switches`);
          break;
        case "/copy":
          this.copyLastAnswer();
          break;
        case "/export": {
          const path = await this.session.exportMarkdown(arg || undefined);
          t.notice(`Exported the conversation to ${path}`);
          break;
        }
        case "/stats":
          this.showStats = !this.showStats;
          this.refreshStatus();
          break;
        case "/heap": {
          const path = this.options.heapSnapshot();
          t.notice(`Heap snapshot written to ${path} (open it in Chrome DevTools → Memory → Load profile)`);
          break;
        }
        case "/quit":
        case "/exit":
          this.options.quit();
          break;
        default:
          t.notice(`Unknown command ${name} — /help lists the commands`);
      }
    } catch (err) {
      t.error(`${name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  // --- clipboard ---

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
    let ok: boolean;
    try {
      ok = this.renderer.copyToClipboardOSC52(text);
    } catch {
      // a terminal session that cannot take the write now must not take the app down
      ok = false;
    }
    const lines = text.split("\n").length;
    this.flash(ok ? `Copied ${what} (${lines} line${lines === 1 ? "" : "s"})` : "This terminal does not accept clipboard writes (OSC 52)");
  }

  // --- status line ---

  private flash(text: string): void {
    this.hint = { text, until: this.options.timers.now() + QUIT_WINDOW_MS };
    this.refreshStatus();
    this.options.timers.set(() => this.refreshStatus(), QUIT_WINDOW_MS + 10);
  }

  private refreshStatus(): void {
    const now = this.options.timers.now();
    if (this.hint && now >= this.hint.until) this.hint = null;
    const running = this.session.running;
    const text = statusText(
      {
        provider: this.session.provider.name,
        model: this.session.provider.model,
        usage: this.session.usage,
        runningMs: running ? now - this.turnStartedAt(now) : null,
        hint: this.hint?.text ?? null,
        stats: this.showStats ? this.statsFigures(now) : null,
      },
      this.renderer.width,
    );
    if (text !== this.statusShown) {
      this.statusShown = text;
      this.status.content = text;
    }
    // the turn clock ticks once a second while a turn runs, and not at all when idle
    if (running && this.statusTimer === null) {
      this.statusTimer = this.options.timers.set(() => {
        this.statusTimer = null;
        this.refreshStatus();
      }, 1000);
    }
  }

  private runningSince: number | null = null;

  private turnStartedAt(now: number): number {
    if (!this.session.running) this.runningSince = null;
    else this.runningSince ??= now;
    return this.runningSince ?? now;
  }

  private statsFigures(now: number): StatsFigures {
    const s = this.transcript.stats;
    const w = this.fpsWindow;
    if (now - w.start >= 1000) {
      w.fps = ((s.frames - w.frames) * 1000) / Math.max(1, now - w.start);
      w.start = now;
      w.frames = s.frames;
    }
    const mem = process.memoryUsage();
    return {
      fps: w.fps,
      frameMs: s.lastFrameMs,
      nodesPerFrame: s.nodesRenderedLastFrame,
      heapMB: mem.heapUsed / 1048576,
      rssMB: mem.rss / 1048576,
    };
  }
}
