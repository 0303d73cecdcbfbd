import { afterEach, expect, test } from "bun:test";
import { type Harness, openHarness } from "./harness.ts";

let h: Harness;
afterEach(() => h?.dispose());

function paragraphs(from: number, to: number): string {
  let s = "";
  for (let i = from; i < to; i++) s += `Paragraph ${i} talks about item ${i} at some length so that it wraps.\n\n`;
  return s;
}

function topLine(screen: string): string {
  return screen.split("\n").find((l) => l.trim().length > 0)!.trim();
}

test("the view follows the bottom while streaming", async () => {
  h = await openHarness(60, 12);
  h.transcript.addUser("go");
  h.feed({ type: "text_delta", text: paragraphs(0, 30) });
  const screen = await h.step(50);
  expect(screen).toContain("Paragraph 29");
  expect(screen).not.toContain("Paragraph 20 ");
});

test("scrolled up, the view stays on its content, shows a marker, and End follows again", async () => {
  h = await openHarness(60, 12);
  h.transcript.addUser("go");
  h.feed({ type: "text_delta", text: paragraphs(0, 30) });
  await h.step(50);
  h.controller.pageUp();
  h.controller.pageUp();
  const before = await h.step(50);
  const anchor = topLine(before);
  h.feed({ type: "text_delta", text: paragraphs(30, 60) });
  const after = await h.step(50);
  expect(topLine(after)).toBe(anchor);
  expect(after).toContain("new output below");
  expect(after).not.toContain("Paragraph 59");
  h.controller.toBottom();
  const bottom = await h.step(50);
  expect(bottom).toContain("Paragraph 59");
  expect(bottom).not.toContain("new output below");
});

test("the mouse wheel scrolls the transcript", async () => {
  h = await openHarness(60, 12);
  h.feed({ type: "text_delta", text: paragraphs(0, 30) }, { type: "turn_end", finishReason: "stop" });
  const bottom = await h.step(50);
  await h.setup.mockMouse.scroll(10, 5, "up");
  const up = await h.step(50);
  expect(topLine(up)).not.toBe(topLine(bottom));
  expect(h.controller.tree.viewport.pinned).toBe(false);
  await h.setup.mockMouse.scroll(10, 5, "down");
  await h.setup.mockMouse.scroll(10, 5, "down");
  await h.step(50);
  expect(h.controller.tree.viewport.pinned).toBe(true);
});

test("a resize keeps the same content at the top of the view", async () => {
  h = await openHarness(80, 14);
  for (let i = 0; i < 40; i++) {
    h.transcript.addUser(`question ${i}`);
    h.feed({ type: "text_delta", text: paragraphs(i * 10, i * 10 + 2) }, { type: "turn_end", finishReason: "stop" });
  }
  await h.step(50);
  h.controller.tree.viewport.scrollToNode(40);
  h.controller.loop.invalidate();
  const before = await h.step(50);
  expect(topLine(before)).toBe("› question 20");
  h.setup.resize(50, 14);
  const narrow = await h.step(50);
  expect(topLine(narrow)).toBe("› question 20");
  h.setup.resize(100, 20);
  const wide = await h.step(50);
  expect(topLine(wide)).toBe("› question 20");
  for (const line of narrow.split("\n")) expect(Bun.stringWidth(line)).toBeLessThanOrEqual(50);
});

test("a resize while streaming re-renders the visible nodes first and the rest when shown", async () => {
  h = await openHarness(80, 12);
  for (let i = 0; i < 200; i++) {
    h.transcript.addUser(`question ${i}`);
    h.feed({ type: "text_delta", text: paragraphs(i, i + 1) }, { type: "turn_end", finishReason: "stop" });
  }
  h.transcript.addUser("stream");
  h.feed({ type: "text_delta", text: paragraphs(1000, 1005) });
  await h.step(50);
  const tree = h.controller.tree;
  const rendered = tree.counters.nodesRendered;
  h.setup.resize(60, 12);
  h.feed({ type: "text_delta", text: paragraphs(1005, 1006) });
  const screen = await h.step(50);
  expect(screen).toContain("Paragraph 1005");
  expect(tree.counters.nodesRendered - rendered).toBeLessThan(12);
  for (const line of screen.split("\n")) expect(Bun.stringWidth(line)).toBeLessThanOrEqual(60);
});

test("evicted row caches are rebuilt when scrolled back to", async () => {
  h = await openHarness(60, 10);
  h.controller.tree.setCacheBudget(20_000);
  for (let i = 0; i < 60; i++) {
    h.transcript.addUser(`question ${i}`);
    h.feed({ type: "text_delta", text: paragraphs(i, i + 2) }, { type: "turn_end", finishReason: "stop" });
    await h.step(50);
  }
  expect(h.controller.tree.counters.evictions).toBeGreaterThan(0);
  h.controller.toTop();
  const top = await h.step(50);
  expect(topLine(top)).toBe("› question 0");
  expect(top).toContain("Paragraph 0 talks about item 0");
});

test("a resize storm mid-stream leaves a correct screen", async () => {
  h = await openHarness(80, 20);
  h.transcript.addUser("go");
  let text = "";
  for (let i = 0; i < 60; i++) {
    const chunk = `Paragraph ${i} has words that wrap differently at each width, **bold** and \`code\`.\n\n`;
    text += chunk;
    h.feed({ type: "text_delta", text: chunk });
    h.setup.resize(30 + ((i * 37) % 90), 8 + ((i * 11) % 20));
    await h.step(10);
  }
  h.setup.resize(70, 16);
  h.feed({ type: "turn_end", finishReason: "stop" });
  const screen = await h.step(50);
  for (const line of screen.split("\n")) expect(Bun.stringWidth(line)).toBeLessThanOrEqual(70);
  expect(screen).toContain("Paragraph 59 has words");
  h.controller.toTop();
  expect(topLine(await h.step(50))).toBe("› go");
});

test("the new-output marker has a row of its own, never drawn over transcript text", async () => {
  h = await openHarness(60, 12);
  h.transcript.addUser("go");
  const long = Array.from({ length: 40 }, (_, i) => `word${i} `.repeat(8)).join("\n\n");
  h.feed({ type: "text_delta", text: long });
  await h.step(50);
  h.controller.pageUp();
  await h.step(50);
  h.feed({ type: "text_delta", text: "\n\nmore " + "word ".repeat(200) });
  const screen = await h.step(50);
  const last = screen.split("\n").filter((r) => r.length > 0).at(-1)!;
  expect(last).toContain("new output below");
  expect(last.slice(0, last.indexOf("↓"))).toMatch(/^\s*$/);
});
