/**
 * Appends records to a session log in batches: a record waits at most `flushMs`
 * (250 ms) before it is written, and a user prompt or the end of a turn is written at
 * once. Writes are plain appends without fsync: a killed process loses nothing the
 * kernel already has, so a kill -9 costs at most the last batch. The file (0600) and
 * its folder (0700) are created on the first write, so an idle start leaves no file.
 */
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { Clock } from "../provider/clock.ts";
import { serializeRecord, type LogRecord } from "../provider/recording.ts";

export const FLUSH_MS = 250;

export class LogWriter {
  private pending: string[] = [];
  private fd: number | undefined;
  private scheduled = false;
  private closed = false;
  private failed = false;

  constructor(
    readonly path: string,
    private readonly clock: Clock,
    /** Written first when the file is created. */
    private readonly header: LogRecord,
    /** Told once when writing fails; the session goes on without a log. */
    private readonly onError: (message: string) => void,
    private readonly flushMs = FLUSH_MS,
  ) {}

  append(record: LogRecord, urgent = false): void {
    if (this.failed || this.closed) return;
    this.pending.push(serializeRecord(record));
    if (urgent) this.flush();
    else this.schedule();
  }

  flush(): void {
    if (this.failed || this.pending.length === 0) return;
    const text = this.pending.length === 1 ? this.pending[0]! : this.pending.join("");
    this.pending = [];
    try {
      this.fd ??= this.open();
      const bytes = Buffer.from(text);
      for (let off = 0; off < bytes.length; ) off += writeSync(this.fd, bytes, off);
    } catch (err) {
      this.failed = true;
      this.onError(`could not write the session log ${this.path}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  close(): void {
    this.flush();
    this.closed = true;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    void this.clock.sleep(this.flushMs).then(() => {
      this.scheduled = false;
      if (!this.closed) this.flush();
    });
  }

  private open(): number {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const existed = existsSync(this.path);
    const fd = openSync(this.path, "a+", 0o600);
    if (!existed) writeSync(fd, serializeRecord(this.header));
    else if (!endsWithNewline(fd)) writeSync(fd, "\n");
    return fd;
  }
}

/** A log cut off mid-line must not glue its broken tail to the next record. */
function endsWithNewline(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 10;
}
