import { expect, test } from "bun:test";
import { RenderedAnswer } from "../../src/cli/rendered-answer.ts";
import { darkTheme } from "../../src/render/theme.ts";

function sink() {
  const chunks: string[] = [];
  return { chunks, writer: { write: (s: string) => chunks.push(s) } };
}

test("on a terminal, a paragraph with no newline shows as it streams and is redrawn in place", async () => {
  const { chunks, writer } = sink();
  const answer = new RenderedAnswer(writer, { width: 40, theme: darkTheme, color: false, liveRows: 20 });
  answer.start();
  answer.append("A long sentence that never ends");
  await Bun.sleep(80);
  expect(chunks.join("")).toBe("A long sentence that never ends\n");
  answer.append(" and keeps going");
  await Bun.sleep(80);
  // The live line is erased (cursor up one line, erase down) and drawn again.
  expect(chunks.slice(1).join("")).toBe("\x1b[1F\x1b[JA long sentence that never ends and\nkeeps going\n");
  answer.end();
  const all = chunks.join("");
  expect(all.endsWith("\x1b[2F\x1b[JA long sentence that never ends and\nkeeps going\n")).toBe(true);
});

test("frozen blocks are printed once, for good; parts and progress lines are separated", async () => {
  const { chunks, writer } = sink();
  const answer = new RenderedAnswer(writer, { width: 40, theme: darkTheme, color: false, liveRows: 0 });
  answer.start();
  answer.append("First paragraph.\n\nSecond ");
  await Bun.sleep(80);
  expect(chunks.join("")).toBe("First paragraph.\n");
  answer.line("⏺ tool ✓", true);
  answer.start();
  answer.append("After the tool.");
  answer.end();
  expect(chunks.join("")).toBe("First paragraph.\n\nSecond\n\n⏺ tool ✓\n\nAfter the tool.\n");
});
