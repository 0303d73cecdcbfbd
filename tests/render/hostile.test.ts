/** The hostile-input corpus renders without throwing, every row fits, nothing raw escapes. */
import { describe, expect, test } from "bun:test";
import { rowsToAnsi } from "../../src/render/ansi.ts";
import { renderMarkdown } from "../../src/render/markdown.ts";
import { MarkdownStream } from "../../src/render/stream.ts";
import type { Row } from "../../src/render/style.ts";
import { darkTheme } from "../../src/render/theme.ts";
import { type HostileCase, hostileCorpus } from "../fixtures/render/hostile.ts";

const OURS = /\x1b\[[0-9;]*m|\x1b\]8;;[^\x1b\x07]*\x1b\\/g;
/** Cases small enough to be streamed as well. */
const STREAMED_UNDER = 400_000;

const corpus = hostileCorpus();
/** Full renders of the streamed cases, kept from their own test for the streaming one. */
const fullRenders = new Map<HostileCase, Row[]>();
function fullRender(c: HostileCase): Row[] {
  const cached = fullRenders.get(c);
  if (cached) return cached;
  const rows = renderMarkdown(c.text, 80, darkTheme);
  if (c.text.length < STREAMED_UNDER) fullRenders.set(c, rows);
  return rows;
}

describe("hostile input", () => {
  for (const c of corpus) {
    test(c.name, () => {
      const rows = fullRender(c);
      expect(rows.length).toBeGreaterThan(0);
      let chars = 0;
      for (const r of rows) {
        expect(r.width).toBeLessThanOrEqual(80);
        for (const s of r.spans) chars += s.text.length;
      }
      // Within memory: the rows hold about as much text as came in (indents, borders, links).
      expect(chars).toBeLessThan(c.text.length * 4 + 1_000_000);
      const out = rowsToAnsi(rows.slice(0, 2000), { color: true, hyperlinks: true, width: 80 }).replace(OURS, "");
      expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
    }, 60_000);
  }

  test("streamed in 8 KB chunks, each stays bounded and equals the full render", () => {
    for (const c of corpus.filter((x) => x.text.length < STREAMED_UNDER)) {
      const s = new MarkdownStream(80, darkTheme);
      for (let i = 0; i < c.text.length; i += 8192) {
        s.append(c.text.slice(i, i + 8192));
        s.update();
      }
      s.finish();
      // Big open blocks are re-lexed geometrically: O(n) in total even for one huge block.
      expect(s.lexedBytes).toBeLessThan(c.text.length * 10);
      expect(s.rows).toEqual(fullRender(c));
    }
  }, 120_000);
});
