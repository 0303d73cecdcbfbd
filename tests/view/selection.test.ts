import { afterEach, expect, test } from "bun:test";
import { type Harness, openHarness } from "./harness.ts";

let h: Harness;
afterEach(() => h?.dispose());

function lineOf(screen: string, needle: string): number {
  return screen.split("\n").findIndex((l) => l.includes(needle));
}

test("drag-selecting copies plain text, without gutters, markup or escapes", async () => {
  h = await openHarness(70, 16);
  h.transcript.addUser("show me");
  h.feed({ type: "text_delta", text: "Use **bold** and `code` here.\n\nSecond line has \x1b[31mred\x1b[0m text." }, { type: "turn_end", finishReason: "stop" });
  const screen = await h.step();
  const first = lineOf(screen, "Use bold");
  const second = lineOf(screen, "Second line");
  await h.setup.mockMouse.drag(0, first, 40, second);
  const highlighted = await h.step();
  expect(h.copied.length).toBe(1);
  const text = h.copied[0]!;
  expect(text).toBe("Use bold and code here.\n\nSecond line has red text.");
  expect(text).not.toContain("\x1b");
  expect(text).not.toContain("●");
  // the selection is drawn inverted, as an overlay
  const spans = h.setup.captureSpans().lines[first]!.spans;
  expect(spans.some((s) => s.text.includes("Use") && (s.attributes & 32) !== 0)).toBe(true);
  expect(highlighted).toContain("Use bold");
});

test("a click without dragging does not copy", async () => {
  h = await openHarness(70, 10);
  h.feed({ type: "text_delta", text: "Just text." });
  const screen = await h.step();
  await h.setup.mockMouse.click(4, lineOf(screen, "Just text"));
  await h.step();
  expect(h.copied.length).toBe(0);
});
