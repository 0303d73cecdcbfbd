/**
 * `-p` on a terminal: the answer rendered to styled rows while it streams. Rows the
 * markdown stream has frozen are printed once, for good; on a real terminal the
 * provisional rows of the open tail are shown as a live region below them and redrawn
 * (cursor up, erase down) at most every 50 ms, so even a paragraph with no newline
 * appears as it streams. Written to a pipe (forced with --color always), only final
 * rows are printed, so the output equals rendering the whole answer at once.
 */
import { rowsToAnsi } from "../render/ansi.ts";
import { MarkdownStream } from "../render/stream.ts";
import type { Row } from "../render/style.ts";
import type { Theme } from "../render/theme.ts";
import type { AnswerSink, Writer } from "./print-mode.ts";

const REFRESH_MS = 50;

export interface RenderedOptions {
  width: number;
  theme: Theme;
  color: boolean;
  /** Rows the live region may use: the terminal's height, or 0 when it is not a terminal. */
  liveRows: number;
}

export class RenderedAnswer implements AnswerSink {
  private stream: MarkdownStream | undefined;
  /** Rows of the current stream printed for good. */
  private printed = 0;
  /** Lines of the live region now on screen. */
  private live = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** What was printed last, to put blank lines between answer parts and progress lines. */
  private last: "nothing" | "answer" | "line" = "nothing";
  private startedPart = false;

  constructor(
    private readonly out: Writer,
    private readonly options: RenderedOptions,
  ) {}

  start(): void {
    this.close();
    this.stream = new MarkdownStream(this.options.width, this.options.theme);
    this.startedPart = false;
  }

  append(delta: string): void {
    this.stream?.append(delta);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, REFRESH_MS);
  }

  end(): void {
    this.close();
  }

  /** A progress line (reasoning, tool call) between answer parts. */
  line(text: string, dim: boolean): void {
    this.close();
    if (this.last === "answer") this.out.write("\n");
    this.last = "line";
    this.out.write(this.options.color && dim ? `\x1b[2m${text}\x1b[22m\n` : `${text}\n`);
  }

  private refresh(): void {
    const stream = this.stream;
    if (!stream) return;
    stream.update();
    this.clearLive();
    this.print(stream.rows.slice(this.printed, stream.frozenRows));
    this.printed = stream.frozenRows;
    const provisional = stream.rows.slice(this.printed);
    if (provisional.length > 0 && provisional.length < this.options.liveRows) {
      this.separate();
      this.out.write(this.ansi(provisional));
      this.live = provisional.length;
    }
  }

  private close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const stream = this.stream;
    if (!stream) return;
    this.stream = undefined;
    stream.finish();
    this.clearLive();
    this.print(stream.rows.slice(this.printed));
    this.printed = 0;
  }

  private print(rows: readonly Row[]): void {
    if (rows.length === 0) return;
    this.separate();
    this.out.write(this.ansi(rows));
  }

  /** A blank line before an answer part that follows earlier output. */
  private separate(): void {
    if (this.startedPart) return;
    this.startedPart = true;
    if (this.last !== "nothing") this.out.write("\n");
    this.last = "answer";
  }

  private ansi(rows: readonly Row[]): string {
    return rowsToAnsi(rows, { color: this.options.color, hyperlinks: false, width: this.options.width });
  }

  private clearLive(): void {
    if (this.live === 0) return;
    this.out.write(`\x1b[${this.live}F\x1b[J`);
    this.live = 0;
  }
}
