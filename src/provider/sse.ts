/**
 * Server-sent events as the WHATWG HTML standard defines the stream format: a
 * leading BOM is dropped, lines end in CRLF, LF or CR (a CR at the end of one chunk
 * and an LF at the start of the next are one line end), `:` starts a comment, and
 * `event`, `data`, `id` and `retry` are the only fields. An event is dispatched at a
 * blank line; data left pending at the end of the stream is discarded, as the spec says.
 */

export interface SseEvent {
  /** The `event` field, "message" when absent. */
  event: string;
  /** The `data` lines joined with "\n". */
  data: string;
  /** The last event id seen so far (it persists across events). */
  id: string;
}

const LINE_END = /[\r\n]/g;

/**
 * The most one line or one event may hold, in characters. A server that never ends a
 * line would otherwise grow the buffer without limit (a 2.5 GB line once took 3 GB).
 */
export const MAX_EVENT_CHARS = 16 * 1024 * 1024;

/** One line or event passed MAX_EVENT_CHARS; what came before it has been dispatched. */
export class SseTooLarge extends Error {
  override name = "SseTooLarge";
  constructor(readonly limit: number) {
    super(`one event in the stream is larger than ${formatSize(limit)}`);
  }
}

function formatSize(chars: number): string {
  return chars >= 1048576 ? `${Math.round(chars / 1048576)} MB` : `${Math.round(chars / 1024)} KB`;
}

export class SseParser {
  /** The reconnection time the server asked for, in ms. */
  retry?: number;
  private started = false;
  private pendingCr = false;
  // A line can span many network chunks (a byte-at-a-time drip): keep the pieces and
  // join once, so a long line costs O(length), not O(length²).
  private lineParts: string[] = [];
  private lineChars = 0;
  private dataParts: string[] = [];
  private dataChars = 0;
  private hasData = false;
  private eventType = "";
  private lastEventId = "";

  constructor(
    private readonly onEvent: (event: SseEvent) => void,
    private readonly maxChars = MAX_EVENT_CHARS,
  ) {}

  push(chunk: string): void {
    let i = 0;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (this.pendingCr && i < chunk.length) {
      this.pendingCr = false;
      if (chunk.charCodeAt(i) === 10) i++;
    }
    LINE_END.lastIndex = i;
    for (;;) {
      const match = LINE_END.exec(chunk);
      if (!match) {
        if (i < chunk.length) {
          this.lineChars += chunk.length - i;
          if (this.lineChars > this.maxChars) throw new SseTooLarge(this.maxChars);
          this.lineParts.push(chunk.slice(i));
        }
        return;
      }
      const end = match.index;
      if (this.lineChars + end - i > this.maxChars) throw new SseTooLarge(this.maxChars);
      let line = chunk.slice(i, end);
      if (this.lineParts.length > 0) {
        this.lineParts.push(line);
        line = this.lineParts.join("");
        this.lineParts = [];
        this.lineChars = 0;
      }
      i = end + 1;
      if (chunk.charCodeAt(end) === 13) {
        if (i === chunk.length) this.pendingCr = true;
        else if (chunk.charCodeAt(i) === 10) i++;
      }
      LINE_END.lastIndex = i;
      this.line(line);
    }
  }

  /** The stream ended: an event without its closing blank line is dropped. */
  end(): void {
    this.lineParts = [];
    this.lineChars = 0;
    this.dataParts = [];
    this.dataChars = 0;
    this.hasData = false;
    this.eventType = "";
  }

  private line(line: string): void {
    if (line === "") return this.dispatch();
    if (line.charCodeAt(0) === 58 /* ":" */) return;
    const colon = line.indexOf(":");
    let field = line;
    let value = "";
    if (colon >= 0) {
      field = line.slice(0, colon);
      value = line.charCodeAt(colon + 1) === 32 ? line.slice(colon + 2) : line.slice(colon + 1);
    }
    switch (field) {
      case "event":
        this.eventType = value;
        break;
      case "data":
        this.dataChars += value.length + 1;
        if (this.dataChars > this.maxChars) throw new SseTooLarge(this.maxChars);
        this.dataParts.push(value);
        this.hasData = true;
        break;
      case "id":
        if (!value.includes("\0")) this.lastEventId = value;
        break;
      case "retry":
        if (/^[0-9]+$/.test(value)) this.retry = Number(value);
        break;
    }
  }

  private dispatch(): void {
    if (!this.hasData) {
      this.eventType = "";
      this.dataChars = 0;
      return;
    }
    const data = this.dataParts.length === 1 ? this.dataParts[0]! : this.dataParts.join("\n");
    const event = this.eventType || "message";
    this.dataParts = [];
    this.dataChars = 0;
    this.hasData = false;
    this.eventType = "";
    this.onEvent({ event, data, id: this.lastEventId });
  }
}

/**
 * Decodes a byte stream as UTF-8 (characters split across chunks are reassembled,
 * invalid bytes become U+FFFD) and yields its server-sent events as they complete.
 */
export async function* sseEvents(chunks: AsyncIterable<Uint8Array>, maxChars = MAX_EVENT_CHARS): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  let ready: SseEvent[] = [];
  const parser = new SseParser((e) => ready.push(e), maxChars);
  for await (const chunk of chunks) {
    try {
      parser.push(decoder.decode(chunk, { stream: true }));
    } finally {
      // Events completed before an oversized one still belong to the answer.
      if (ready.length > 0) {
        const batch = ready;
        ready = [];
        yield* batch;
      }
    }
  }
  parser.push(decoder.decode());
  parser.end();
  yield* ready;
}
