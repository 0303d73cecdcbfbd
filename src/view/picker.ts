import { BoxRenderable, StyledText, TextRenderable, type KeyEvent, type RenderContext, type TextChunk } from "@opentui/core";
import fuzzysort from "fuzzysort";
import { sanitize } from "../render/sanitize.ts";
import { truncateToWidth, stringWidth } from "../render/text.ts";
import type { Theme } from "../render/theme.ts";
import type { ModalHost } from "./modal.ts";
import { toRGBA } from "./row-painter.ts";

export interface PickerItem<T> {
  /** What is shown and what the query matches. */
  label: string;
  /** Dim text after the label (a date, a size, a description). */
  detail?: string;
  value: T;
}

export interface PickerRequest<T> {
  title: string;
  items: PickerItem<T>[];
  /** Called with the chosen item's value; the picker has closed by then. */
  choose: (value: T) => void;
  /** Called when the picker closes without a choice (Esc). */
  cancel?: () => void;
  /** The query is typed into the picker itself (true) or set from outside, e.g. the composer's "@word" (false). */
  ownQuery?: boolean;
  /** Text shown instead of the list while it is empty (loading, nothing found). */
  empty?: string;
  /** Starts on the item with this value (the current model, the current session). */
  selected?: T;
}

const MAX_ROWS = 10;

interface Match<T> {
  item: PickerItem<T>;
  /** Indexes of the label's characters the query matched, for highlighting. */
  indexes: readonly number[];
}

/**
 * A floating, opaque list with fuzzy filtering: /model, /sessions and the composer's
 * `@` file picker. It draws itself and filters; whoever owns the keys hands it
 * Up/Down/PgUp/PgDn/Enter/Tab/Esc (and, with `ownQuery`, the typed characters) through
 * `handleKey`.
 */
export class Picker<T = unknown> extends BoxRenderable {
  private readonly list: TextRenderable;
  private request: PickerRequest<T> | null = null;
  private matches: Match<T>[] = [];
  private selectedIndex = 0;
  private scrollTop = 0;
  private queryText = "";
  private drawnWidth = 0;
  private noteText: string | null = null;

  constructor(
    ctx: RenderContext,
    private readonly theme: Theme,
  ) {
    super(ctx, {
      position: "absolute",
      left: 0,
      bottom: 0,
      width: "100%",
      height: 1,
      zIndex: 20,
      visible: false,
      backgroundColor: toRGBA(theme.code.bg),
    });
    this.list = new TextRenderable(ctx, { width: "100%", height: "100%" });
    this.add(this.list);
  }

  get isOpen(): boolean {
    return this.request !== null;
  }

  get query(): string {
    return this.queryText;
  }

  /** Whether Enter and Tab would choose something. */
  get hasMatch(): boolean {
    return this.matches.length > 0;
  }

  /** The item Enter would choose. */
  get current(): PickerItem<T> | undefined {
    return this.matches[this.selectedIndex]?.item;
  }

  /** The labels as filtered, in order (for tests and Tab completion). */
  get shown(): readonly PickerItem<T>[] {
    return this.matches.map((m) => m.item);
  }

  open(request: PickerRequest<T>, query = ""): void {
    this.request = request;
    this.queryText = query;
    this.filter(request.selected);
    this.visible = true;
  }

  /** New items for the open picker (a list that finished loading), keeping the query. */
  setItems(items: PickerItem<T>[], empty?: string): void {
    if (!this.request) return;
    this.request = { ...this.request, items, ...(empty !== undefined && { empty }) };
    this.filter(this.current?.value ?? this.request.selected);
  }

  /** A line under the title: why the list is short (the server could not list its models). */
  setNote(note: string | null): void {
    this.noteText = note;
    this.draw();
  }

  setQuery(query: string): void {
    if (query === this.queryText) return;
    this.queryText = query;
    this.filter();
  }

  close(): void {
    if (!this.request) return;
    this.request = null;
    this.matches = [];
    this.visible = false;
  }

  /** Keys while open; true when the picker used the key. */
  handleKey(key: KeyEvent): boolean {
    const request = this.request;
    if (!request) return false;
    const { name, ctrl, meta } = key;
    if (name === "escape" || (ctrl && name === "c")) {
      this.close();
      request.cancel?.();
      return true;
    }
    if (name === "up" || (ctrl && name === "p")) return this.move(-1), true;
    if (name === "down" || (ctrl && name === "n")) return this.move(1), true;
    if (name === "pageup") return this.move(-MAX_ROWS), true;
    if (name === "pagedown") return this.move(MAX_ROWS), true;
    if (name === "return" || name === "kpenter" || name === "tab") {
      const chosen = this.current;
      if (!chosen) return true;
      this.close();
      request.choose(chosen.value);
      return true;
    }
    if (!request.ownQuery) return false;
    if (name === "backspace") return this.setQuery(this.queryText.slice(0, -1)), true;
    if (ctrl && name === "u") return this.setQuery(""), true;
    const ch = key.sequence;
    if (!ctrl && !meta && ch.length > 0 && !/[\u0000-\u001f\u007f]/.test(ch)) {
      this.setQuery(this.queryText + ch);
      return true;
    }
    // a modal picker keeps every other key from reaching what is under it
    return true;
  }

  protected override onResize(width: number, height: number): void {
    super.onResize(width, height);
    if (width !== this.drawnWidth) this.draw();
  }

  move(step: number): void {
    if (this.matches.length === 0) return;
    const last = this.matches.length - 1;
    const next = this.selectedIndex + step;
    // single steps wrap around; page steps stop at the ends
    this.selectedIndex = Math.abs(step) === 1 ? (next + this.matches.length) % this.matches.length : Math.max(0, Math.min(last, next));
    this.draw();
  }

  private filter(keep?: T): void {
    const request = this.request;
    if (!request) return;
    const q = this.queryText.trim();
    if (q === "") this.matches = request.items.map((item) => ({ item, indexes: [] }));
    else
      this.matches = fuzzysort
        .go(q, request.items, { key: "label", limit: 200, threshold: 0 })
        .map((r) => ({ item: r.obj, indexes: r.indexes }));
    const at = keep === undefined ? -1 : this.matches.findIndex((m) => m.item.value === keep);
    this.selectedIndex = Math.max(0, at);
    this.scrollTop = 0;
    this.draw();
  }

  private draw(): void {
    const request = this.request;
    if (!request) return;
    const ui = this.theme.ui;
    const bg = toRGBA(this.theme.code.bg);
    const accent = toRGBA(ui.accent.fg ?? 6);
    const muted = toRGBA(ui.muted.fg ?? 8);
    const selectedBg = toRGBA(ui.selection.bg ?? "#3a3f4b");
    const width = Math.max(10, this._ctx.width);
    this.drawnWidth = width;
    const rows = Math.min(MAX_ROWS, Math.max(1, this.matches.length));
    if (this.selectedIndex < this.scrollTop) this.scrollTop = this.selectedIndex;
    if (this.selectedIndex >= this.scrollTop + rows) this.scrollTop = this.selectedIndex - rows + 1;

    const chunks: TextChunk[] = [];
    const push = (text: string, fg: ReturnType<typeof toRGBA>, rowBg = bg, bold = false) =>
      chunks.push({ __isChunk: true, text, fg, bg: rowBg, ...(bold && { attributes: 1 }) });
    const count = this.matches.length === request.items.length ? `${request.items.length}` : `${this.matches.length} of ${request.items.length}`;
    const keys = request.ownQuery ? "type to filter · Enter choose · Esc close" : "Tab/Enter choose · Esc close";
    const header = ` ${request.title} (${count}) · ${keys}`;
    push(pad(truncateToWidth(header, width), width), muted);
    if (this.noteText !== null) {
      push("\n", muted);
      push(pad(truncateToWidth(` ${sanitize(this.noteText)}`, width), width), toRGBA(ui.error.fg ?? 1));
    }
    if (request.ownQuery) {
      push("\n", muted);
      push(pad(truncateToWidth(` › ${sanitize(this.queryText)}▏`, width), width), accent);
    }
    if (this.matches.length === 0) {
      push("\n", muted);
      push(pad(truncateToWidth(`   ${request.empty ?? "nothing matches"}`, width), width), muted);
    }
    for (let i = this.scrollTop; i < Math.min(this.matches.length, this.scrollTop + rows); i++) {
      const { item, indexes } = this.matches[i]!;
      const rowBg = i === this.selectedIndex ? selectedBg : bg;
      push("\n", muted);
      const marker = i === this.selectedIndex ? " › " : "   ";
      push(marker, accent, rowBg);
      const label = sanitize(item.label);
      const detail = item.detail ? `  ${sanitize(item.detail)}` : "";
      const room = width - stringWidth(marker);
      const shownLabel = truncateToWidth(label, room);
      pushHighlighted(shownLabel, indexes, rowBg, push, toRGBA(ui.user.fg ?? 7), accent);
      const rest = room - stringWidth(shownLabel);
      push(pad(truncateToWidth(detail, rest), rest), muted, rowBg);
    }
    this.list.content = new StyledText(chunks);
    this.height = 1 + (this.noteText !== null ? 1 : 0) + (request.ownQuery ? 1 : 0) + (this.matches.length === 0 ? 1 : rows);
  }
}

/** The label with the query's matched characters in the accent colour. */
function pushHighlighted(
  label: string,
  indexes: readonly number[],
  bg: ReturnType<typeof toRGBA>,
  push: (text: string, fg: ReturnType<typeof toRGBA>, bg: ReturnType<typeof toRGBA>, bold?: boolean) => void,
  plain: ReturnType<typeof toRGBA>,
  hit: ReturnType<typeof toRGBA>,
): void {
  if (indexes.length === 0) return push(label, plain, bg);
  const marked = new Set(indexes);
  let run = "";
  let runHit = false;
  const chars = [...label];
  for (let i = 0; i < chars.length; i++) {
    const isHit = marked.has(i);
    if (isHit !== runHit && run !== "") {
      push(run, runHit ? hit : plain, bg, runHit);
      run = "";
    }
    runHit = isHit;
    run += chars[i];
  }
  if (run !== "") push(run, runHit ? hit : plain, bg, runHit);
}

function pad(text: string, width: number): string {
  const w = stringWidth(text);
  return w >= width ? text : text + " ".repeat(width - w);
}

/** A picker as a modal: it takes the keyboard, filters by what is typed, and closes on a choice or Esc. */
export function openPicker<T>(modals: ModalHost, ctx: RenderContext, theme: Theme, request: PickerRequest<T>): Picker<T> {
  const picker = new Picker<T>(ctx, theme);
  let close = () => {};
  picker.open({
    ...request,
    ownQuery: true,
    choose: (value) => {
      close();
      request.choose(value);
    },
    cancel: () => {
      close();
      request.cancel?.();
    },
  });
  close = modals.open({ renderable: picker, handleKey: (key) => picker.handleKey(key) });
  return picker;
}
