import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { SseParser, sseEvents, type SseEvent } from "../../src/provider/sse.ts";

async function* chunks(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield p;
}

async function eventsOf(parts: Uint8Array[]): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const e of sseEvents(chunks(parts))) out.push(e);
  return out;
}

function parseText(...pieces: string[]): SseEvent[] {
  const out: SseEvent[] = [];
  const p = new SseParser((e) => out.push(e));
  for (const piece of pieces) p.push(piece);
  p.end();
  return out;
}

const enc = (s: string) => new TextEncoder().encode(s);

function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    parts.push(bytes.slice(prev, p));
    prev = p;
  }
  return parts;
}

describe("line endings", () => {
  const body = (eol: string) => `event: a${eol}data: one${eol}data: two${eol}${eol}data: three${eol}${eol}`;
  const expected = [
    { event: "a", data: "one\ntwo", id: "" },
    { event: "message", data: "three", id: "" },
  ];
  test.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("%s", (_name, eol) => {
    expect(parseText(body(eol))).toEqual(expected);
  });

  test("mixed endings in one stream", () => {
    expect(parseText("data: one\r\ndata: two\rdata: 3\n\r\n")).toEqual([{ event: "message", data: "one\ntwo\n3", id: "" }]);
  });

  test("a CR ending one chunk and an LF starting the next are one line end", () => {
    expect(parseText("data: a\r", "\ndata: b\r", "\n\r", "\n")).toEqual([{ event: "message", data: "a\nb", id: "" }]);
  });

  test("a CR at a chunk end followed by an empty chunk still pairs with the next LF", () => {
    expect(parseText("data: a\r", "", "\n\n")).toEqual([{ event: "message", data: "a", id: "" }]);
  });

  test("two CRs are a line end and a blank line", () => {
    expect(parseText("data: a\r\r")).toEqual([{ event: "message", data: "a", id: "" }]);
  });
});

describe("fields", () => {
  test("comments and unknown fields are ignored", () => {
    expect(parseText(": keep-alive\nfoo: bar\ndata: x\n:another\n\n")).toEqual([{ event: "message", data: "x", id: "" }]);
  });

  test("one leading space is stripped from the value, not two", () => {
    expect(parseText("data:x\n\ndata:  y\n\n").map((e) => e.data)).toEqual(["x", " y"]);
  });

  test("a line with no colon is a field with an empty value", () => {
    expect(parseText("data\ndata\n\n")).toEqual([{ event: "message", data: "\n", id: "" }]);
  });

  test("id persists across events; an id holding NUL is ignored", () => {
    const events = parseText("id: 7\ndata: a\n\ndata: b\n\nid: x\0y\ndata: c\n\nid\ndata: d\n\n");
    expect(events.map((e) => e.id)).toEqual(["7", "7", "7", ""]);
  });

  test("retry takes digits only", () => {
    const p = new SseParser(() => {});
    p.push("retry: 1500\n\nretry: 12a\n\nretry: -1\n\n");
    expect(p.retry).toBe(1500);
  });

  test("a blank line with no data dispatches nothing and resets the event name", () => {
    expect(parseText("event: ping\n\ndata: after\n\n")).toEqual([{ event: "message", data: "after", id: "" }]);
  });

  test("an event without its closing blank line is dropped at the end of the stream", () => {
    expect(parseText("data: complete\n\ndata: partial\n")).toEqual([{ event: "message", data: "complete", id: "" }]);
  });

  test("empty data is still an event", () => {
    expect(parseText("data:\n\n")).toEqual([{ event: "message", data: "", id: "" }]);
  });
});

describe("byte order mark", () => {
  test("a leading BOM is dropped, even split across chunks", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc("data: x\n\n")]);
    expect(await eventsOf([bytes])).toEqual([{ event: "message", data: "x", id: "" }]);
    expect(await eventsOf([bytes.slice(0, 1), bytes.slice(1, 2), bytes.slice(2)])).toEqual([
      { event: "message", data: "x", id: "" },
    ]);
  });

  test("a BOM that is not at the start is data", () => {
    // With the BOM dropped, the first line is "data: a" rather than "\ufeffdata: a".
    expect(parseText("\ufeffdata: a\n\ndata: \ufeffb\n\n").map((e) => e.data)).toEqual(["a", "\ufeffb"]);
    expect(parseText("\ufeff\ufeffdata: a\n\n")).toEqual([]);
  });
});

describe("UTF-8", () => {
  const text = "data: héllo ☃ 𝄞 日本 🎉\n\n";
  test("multi-byte characters split at every byte boundary decode intact", async () => {
    const bytes = enc(text);
    for (let i = 0; i <= bytes.length; i++) {
      const events = await eventsOf([bytes.slice(0, i), bytes.slice(i)]);
      expect(events.map((e) => e.data)).toEqual(["héllo ☃ 𝄞 日本 🎉"]);
    }
  });

  test("a byte-at-a-time drip decodes intact", async () => {
    const bytes = enc(text);
    const parts = [...bytes].map((b) => new Uint8Array([b]));
    expect((await eventsOf(parts)).map((e) => e.data)).toEqual(["héllo ☃ 𝄞 日本 🎉"]);
  });

  test("invalid bytes become U+FFFD and the stream goes on", async () => {
    const bad = new Uint8Array([...enc("data: a"), 0xff, 0xc3, ...enc("b\n\ndata: ok\n\n")]);
    expect((await eventsOf([bad])).map((e) => e.data)).toEqual(["a\ufffd\ufffdb", "ok"]);
  });

  test("a truncated character at the very end becomes U+FFFD", async () => {
    const bytes = new Uint8Array([...enc("data: x\n\ndata: "), 0xe2, 0x98]);
    expect((await eventsOf([bytes])).map((e) => e.data)).toEqual(["x"]);
  });
});

describe("any split gives the same events", () => {
  const corpus = [
    "\ufeffevent: a\r\ndata: {\"x\": \"é\"}\r\n\r\n: comment\rdata: 1\rdata: 2\r\rid: 9\ndata: 🎉🎉\n\n",
    "data: [DONE]\n\n",
    "retry: 10\nevent: e\ndata:  lead\n\ndata\n\n",
  ];
  test.each(corpus.map((c, i) => [i, c] as const))("corpus %d", async (_i, source) => {
    const bytes = enc(source);
    const reference = await eventsOf([bytes]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 12 }), async (cuts) => {
        expect(await eventsOf(splitAt(bytes, cuts))).toEqual(reference);
      }),
      { numRuns: 200 },
    );
  });

  // 1.4 MB through 200k pushes: quadratic joining would copy ~140 GB and hit the test timeout.
  test("a very long line fed in tiny pieces stays linear", () => {
    const p = new SseParser(() => {});
    const piece = "x".repeat(7);
    p.push("data: ");
    for (let i = 0; i < 200_000; i++) p.push(piece);
    let got = "";
    const q = new SseParser((e) => (got = e.data));
    q.push("data: abc");
    q.push("def\n\n");
    expect(got).toBe("abcdef");
  });
});
