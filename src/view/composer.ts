import { TextareaRenderable, type KeyBinding, type KeyEvent, type PasteEvent, type RenderContext } from "@opentui/core";
import type { Theme } from "../render/theme.ts";
import { toRGBA } from "./row-painter.ts";

/** Pastes longer than this show as a one-line placeholder; the full text is sent. */
const LONG_PASTE_CHARS = 1000;
const LONG_PASTE_LINES = 12;
const MAX_ROWS = 8;

const BINDINGS: KeyBinding[] = [
  { name: "return", action: "submit" },
  { name: "kpenter", action: "submit" },
  { name: "return", shift: true, action: "newline" },
  { name: "return", meta: true, action: "newline" },
  { name: "linefeed", action: "newline" },
  { name: "j", ctrl: true, action: "newline" },
];

/**
 * The multi-line prompt editor: Enter sends, Shift+Enter / Alt+Enter / Ctrl+J add a
 * line, Up/Down on the first/last line walk the input history, and a long bracketed
 * paste shows as a compact placeholder that expands back when sent.
 */
export class Composer extends TextareaRenderable {
  private readonly history: string[] = [];
  private historyPos = 0;
  private draft = "";
  private readonly pastes = new Map<string, string>();
  private pasteCount = 0;
  onSend: (text: string) => void = () => {};
  onChange: (text: string) => void = () => {};

  constructor(ctx: RenderContext, theme: Theme) {
    const text = theme.ui.user.fg;
    super(ctx, {
      height: 1,
      wrapMode: "word",
      keyBindings: BINDINGS,
      placeholder: "Message petrel…  (Enter to send, Shift+Enter for a new line, / for commands)",
      placeholderColor: toRGBA(theme.ui.muted.fg ?? 8),
      ...(text !== undefined && { textColor: toRGBA(text) }),
    });
    this.onSubmit = () => this.send();
    this.onContentChange = () => this.contentChanged();
  }

  /** The text as the user sees it (with paste placeholders). */
  get text(): string {
    return this.plainText;
  }

  setValue(text: string): void {
    this.setText(text);
    this.gotoBufferEnd();
  }

  /** Keys the composer owns beyond plain editing; returns true when handled. */
  override handleKeyPress(key: KeyEvent): boolean {
    if (key.name === "up" && !key.shift && !key.ctrl && !key.meta && this.logicalCursor.row === 0) {
      if (this.recall(-1)) return true;
    }
    if (key.name === "down" && !key.shift && !key.ctrl && !key.meta && this.logicalCursor.row === this.lineCount - 1) {
      if (this.recall(1)) return true;
    }
    return super.handleKeyPress(key);
  }

  override handlePaste(event: PasteEvent): void {
    const text = new TextDecoder().decode(event.bytes).replace(/\r\n?/g, "\n");
    // a trailing newline ends the last line; it does not start another
    const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
    if (text.length < LONG_PASTE_CHARS && lines < LONG_PASTE_LINES) {
      super.handlePaste(event);
      return;
    }
    event.preventDefault();
    const label = `[Pasted text #${++this.pasteCount} +${lines} lines]`;
    this.pastes.set(label, text);
    this.insertText(label);
  }

  private send(): void {
    const shown = this.plainText;
    if (shown.trim().length === 0) return;
    let full = shown;
    for (const [label, text] of this.pastes) full = full.split(label).join(text);
    this.pastes.clear();
    if (this.history[this.history.length - 1] !== shown) this.history.push(shown);
    this.historyPos = this.history.length;
    this.draft = "";
    this.clear();
    this.onSend(full);
  }

  /** Steps through earlier inputs; false when there is nowhere to go (the key then moves the cursor). */
  private recall(step: -1 | 1): boolean {
    const next = this.historyPos + step;
    if (next < 0 || next > this.history.length) return false;
    if (this.historyPos === this.history.length) this.draft = this.plainText;
    this.historyPos = next;
    this.setValue(next === this.history.length ? this.draft : this.history[next]!);
    return true;
  }

  private contentChanged(): void {
    // every wrapped line, not just the ones the current height shows (virtualLineCount)
    const rows = Math.min(MAX_ROWS, Math.max(1, this.editorView.getTotalVirtualLineCount()));
    if (this.height !== rows) this.height = rows;
    this.onChange(this.plainText);
  }
}
