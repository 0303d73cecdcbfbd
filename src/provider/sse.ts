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

export class SseParser {
  /** The reconnection time the server asked for, in ms. */
  retry?: number;
  private started = false;
  private pendingCr = false;
  // A line can span many network chunks (a byte-at-a-time drip): keep the pieces and
  // join once, so a long line costs O(length), not O(length²).
  private lineParts: string[] = [];
  private dataParts: string[] = [];
  private hasData = false;
  private eventType = "";
  private lastEventId = "";

  constructor(private readonly onEvent: (event: SseEvent) => void) {}

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
        if (i < chunk.length) this.lineParts.push(chunk.slice(i));
        return;
      }
      const end = match.index;
      let line = chunk.slice(i, end);
      if (this.lineParts.length > 0) {
        this.lineParts.push(line);
        line = this.lineParts.join("");
        this.lineParts = [];
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
    this.dataParts = [];
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
      return;
    }
    const data = this.dataParts.length === 1 ? this.dataParts[0]! : this.dataParts.join("\n");
    const event = this.eventType || "message";
    this.dataParts = [];
    this.hasData = false;
    this.eventType = "";
    this.onEvent({ event, data, id: this.lastEventId });
  }
}

/**
 * Decodes a byte stream as UTF-8 (characters split across chunks are reassembled,
 * invalid bytes become U+FFFD) and yields its server-sent events as they complete.
 */
export async function* sseEvents(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  let ready: SseEvent[] = [];
  const parser = new SseParser((e) => ready.push(e));
  for await (const chunk of chunks) {
    parser.push(decoder.decode(chunk, { stream: true }));
    if (ready.length > 0) {
      const batch = ready;
      ready = [];
      yield* batch;
    }
  }
  parser.push(decoder.decode());
  parser.end();
  yield* ready;
}
