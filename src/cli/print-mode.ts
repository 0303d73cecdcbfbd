/**
 * `petrel -p PROMPT`: one turn, streamed to stdout, then exit (non-zero on error).
 *
 * Like Claude Code's `-p`, stdout carries only the answer, so it pipes cleanly:
 * - raw (stdout is not a terminal, or --color never): the answer's markdown as it streams;
 * - rendered (stdout is a terminal, or --color always / FORCE_COLOR): the answer
 *   rendered to styled rows as it streams;
 * - json (--json): every event as one JSON line, after a session line with the id.
 * Reasoning and tool calls are summarized one line each (dim on a terminal):
 * "✻ Thought for 3s", "⏺ read_file {"path":"a.ts"} ✓" — between the answer's parts
 * when rendering, on stderr otherwise. Errors go to stderr as "petrel: …". Every run
 * is saved like an interactive one.
 */
import { sanitize, Sanitizer } from "../render/sanitize.ts";
import { thoughtSeconds, type Block, type TranscriptListener } from "../session/blocks.ts";
import type { Session } from "../session/session.ts";

export type PrintFormat = "raw" | "json" | "rendered";

export interface Writer {
  write(text: string): unknown;
}

export interface PrintIO {
  stdout: Writer;
  stderr: Writer;
  /** stderr is a terminal: progress lines are dimmed. */
  stderrTTY: boolean;
  /** Raw markdown going to a terminal is sanitized; into a pipe it stays as the model wrote it. */
  stdoutTTY: boolean;
  /** Rendered output: columns, rows of the terminal (0 when stdout is not one), colors. */
  width: number;
  height: number;
  color: boolean;
  theme: "dark" | "light";
}

/** Streams `session`'s answer to `prompt`; resolves with the exit code. */
export async function runPrint(session: Session, prompt: string, format: PrintFormat, io: PrintIO): Promise<number> {
  const toStderr = (text: string, dim: boolean) => io.stderr.write(io.stderrTTY && dim ? `\x1b[2m${text}\x1b[22m\n` : `${text}\n`);
  const detach: (() => void)[] = [];
  if (format === "json") {
    io.stdout.write(`${JSON.stringify({ type: "session", id: session.id, ...session.provider })}\n`);
    detach.push(session.onEvent((event) => io.stdout.write(`${JSON.stringify(event)}\n`)));
    session.transcript.setListener(new ProgressLines(toStderr).errorsOnly());
  } else if (format === "rendered") {
    const { RenderedAnswer } = await import("./rendered-answer.ts");
    const { themeByName } = await import("../render/theme.ts");
    const theme = themeByName(io.theme);
    const answer = new RenderedAnswer(io.stdout, { width: io.width, theme, color: io.color, liveRows: io.height - 1 });
    // Errors belong on stderr even here: a script may capture only stdout.
    const progress = new ProgressLines((text, dim) => (dim ? answer.line(text, dim) : (answer.end(), toStderr(text, dim))));
    session.transcript.setListener(progress.around(answer));
    detach.push(() => answer.end());
  } else {
    const answer = new RawAnswer(io.stdout, io.stdoutTTY ? new Sanitizer() : undefined);
    session.transcript.setListener(new ProgressLines(toStderr).around(answer));
    detach.push(() => answer.end());
  }
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    session.cancel();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    session.send(prompt);
    await session.idle();
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    for (const d of detach) d();
    session.transcript.setListener(undefined);
    await session.flush();
  }
  if (interrupted) return 130;
  return session.lastTurnFailed ? 1 : 0;
}

/**
 * stdout that may be closed by its reader (`petrel -p … | head`): the first EPIPE
 * stops all writing and calls `onClosed` once, outside the write that failed.
 */
export function closablePipe(stream: NodeJS.WriteStream, onClosed: () => void): Writer {
  let closed = false;
  const close = (err: unknown) => {
    if ((err as { code?: string }).code !== "EPIPE") throw err;
    if (closed) return;
    closed = true;
    queueMicrotask(onClosed);
  };
  stream.on("error", close);
  return {
    write(text: string) {
      if (closed) return;
      try {
        stream.write(text);
      } catch (err) {
        close(err);
      }
    },
  };
}

/** Where the answer's text goes, block by block. */
export interface AnswerSink {
  /** A new text block starts (after reasoning or a tool, or the first one). */
  start(): void;
  append(delta: string): void;
  /** The run is over: finish the last line. */
  end(): void;
}

class RawAnswer implements AnswerSink {
  private written = false;
  private tail = "";

  constructor(
    private readonly out: Writer,
    private readonly sanitizer?: Sanitizer,
  ) {}

  start(): void {
    if (this.sanitizer) this.write(this.sanitizer.flush());
    if (!this.written) return;
    // Separate answer parts by a blank line, as they would be in one document.
    const gap = this.tail.endsWith("\n\n") ? "" : this.tail.endsWith("\n") ? "\n" : "\n\n";
    if (gap) this.write(gap);
  }

  append(delta: string): void {
    this.write(this.sanitizer ? this.sanitizer.push(delta) : delta);
  }

  end(): void {
    if (this.sanitizer) this.write(this.sanitizer.flush());
    if (this.written && !this.tail.endsWith("\n")) this.write("\n");
  }

  private write(text: string): void {
    if (text === "") return;
    this.out.write(text);
    this.written = true;
    this.tail = (this.tail + text).slice(-2);
  }
}

/** One-line summaries of everything that is not answer text; `emit` decides where they go. */
class ProgressLines {
  constructor(private readonly emit: (text: string, dim: boolean) => unknown) {}

  around(answer: AnswerSink): TranscriptListener {
    return {
      added: (block) => {
        if (block.kind === "text") answer.start();
        else this.added(block);
      },
      appended: (block, delta) => {
        if (block.kind === "text") answer.append(delta);
      },
      changed: (block) => this.changed(block),
      cleared: () => {},
    };
  }

  errorsOnly(): TranscriptListener {
    return { added: (b) => (b.kind === "error" ? this.added(b) : undefined), appended() {}, changed() {}, cleared() {} };
  }

  private added(block: Block): void {
    if (block.kind === "error") this.line(`petrel: ${oneLine(block.message)}`, false);
    else if (block.kind === "notice") {
      const wait = block.countdownUntil !== undefined ? ` (retrying in ${Math.ceil((block.countdownUntil - Date.now()) / 1000)}s)` : "";
      this.line(`petrel: ${oneLine(block.text)}${wait}`, true);
    }
  }

  private changed(block: Block): void {
    if (block.kind === "reasoning" && block.endedAt !== undefined && !block.streaming) {
      this.line(`✻ Thought for ${thoughtSeconds(block.startedAt, block.endedAt)}s`, true);
    } else if (block.kind === "tool" && (block.status === "done" || block.status === "failed")) {
      const args = oneLine(block.argsText || (block.args === undefined ? "" : JSON.stringify(block.args)));
      const mark = block.status === "done" ? "✓" : `✗ ${oneLine(block.output ?? "").slice(0, 60)}`;
      this.line(`⏺ ${block.name} ${args.length > 80 ? `${args.slice(0, 79)}…` : args} ${mark}`, true);
    } else if (block.kind === "notice" && block.countdownUntil !== undefined) {
      this.added(block);
    }
  }

  private line(text: string, dim: boolean): void {
    this.emit(text, dim);
  }
}

/** Model-supplied text on one terminal line: escapes removed, controls made visible. */
function oneLine(text: string): string {
  return sanitize(text).replace(/\s+/g, " ").trim();
}
