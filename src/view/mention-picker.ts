/**
 * The composer's "@": while the word at the cursor starts with "@", a picker of the
 * workspace's files and folders (gitignore-aware) floats above the composer, filtered
 * by what follows the "@"; Tab or Enter puts the chosen path in place of the word.
 * Typing stays in the composer; the screen hands the picker only its keys.
 */
import type { RenderContext } from "@opentui/core";
import type { Theme } from "../render/theme.ts";
import { listFiles } from "../workspace/files.ts";
import { mentionFor } from "../workspace/mentions.ts";
import type { Composer } from "./composer.ts";
import { Picker, type PickerItem } from "./picker.ts";

/** An "@word" in `text` that ends at `offset`: where it starts and what follows the "@". */
export function mentionAt(text: string, offset: number): { start: number; query: string } | null {
  const before = text.slice(0, offset);
  const m = /(^|\s)@("[^"\n]*|[^\s"]*)$/.exec(before);
  if (!m) return null;
  return { start: offset - m[2]!.length - 1, query: m[2]!.replace(/^"/, "") };
}

export class MentionPicker {
  readonly picker: Picker<string>;
  private items: PickerItem<string>[] | null = null;
  private loading: Promise<void> | null = null;
  private word: { start: number; query: string } | null = null;

  constructor(
    ctx: RenderContext,
    theme: Theme,
    private readonly composer: Composer,
    private readonly cwd: string,
    /** The command whose output "@!" attaches, when one ran. */
    private readonly lastShell: () => string | null,
  ) {
    this.picker = new Picker<string>(ctx, theme);
  }

  get isOpen(): boolean {
    return this.picker.isOpen;
  }

  /** After every edit: open, filter or close for the word at the cursor. */
  update(): void {
    const text = this.composer.text;
    this.word = text.startsWith("!") || text.startsWith("/") ? null : mentionAt(text, this.composer.cursorOffset);
    if (!this.word) return this.picker.close();
    if (!this.picker.isOpen) {
      this.picker.open(
        { title: "Attach a file", items: this.withShell(this.items ?? []), choose: (path) => this.insert(path), empty: this.items ? "no file matches" : "listing files…" },
        this.word.query,
      );
      this.load();
    } else this.picker.setQuery(this.word.query);
  }

  move(step: number): void {
    this.picker.move(step);
  }

  accept(): void {
    const chosen = this.picker.current;
    this.picker.close();
    if (chosen) this.insert(chosen.value);
  }

  close(): void {
    this.picker.close();
  }

  /** The file list, read again each time the picker opens (files come and go), shown as soon as it is there. */
  private load(): void {
    if (this.loading) return;
    this.loading = listFiles(this.cwd).then(
      ({ files, truncated }) => {
        this.loading = null;
        this.items = toItems(files);
        if (this.picker.isOpen) this.picker.setItems(this.withShell(this.items), truncated ? "no file matches (the list was cut at 20,000 files)" : "no file matches");
      },
      () => {
        this.loading = null;
        if (this.picker.isOpen) this.picker.setItems(this.withShell([]), "the workspace could not be listed");
      },
    );
  }

  private withShell(items: PickerItem<string>[]): PickerItem<string>[] {
    const command = this.lastShell();
    return command === null ? items : [{ label: "!", detail: `the output of ${command}`, value: "!" }, ...items];
  }

  private insert(path: string): void {
    const word = this.word;
    if (!word) return;
    const text = this.composer.text;
    const end = this.composer.cursorOffset;
    const mention = path === "!" ? "@!" : mentionFor(path);
    // a folder stays open for more typing; a file is done
    const tail = path.endsWith("/") ? "" : " ";
    const next = text.slice(0, word.start) + mention + tail + text.slice(end);
    this.composer.setText(next);
    this.composer.cursorOffset = word.start + mention.length + tail.length;
    this.word = null;
  }
}

/** Files, and the folders they are in (a folder attaches its file list). */
function toItems(files: string[]): PickerItem<string>[] {
  const folders = new Set<string>();
  for (const f of files) for (let i = f.indexOf("/"); i >= 0; i = f.indexOf("/", i + 1)) folders.add(f.slice(0, i + 1));
  return [...[...folders].sort().map((d) => ({ label: d, value: d })), ...files.map((f) => ({ label: f, value: f }))];
}
