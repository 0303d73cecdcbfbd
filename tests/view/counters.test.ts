/**
 * Deterministic work counters: the invariants of DESIGN.md expressed as numbers that do
 * not depend on how fast the machine is.
 */
import { afterEach, expect, test } from "bun:test";
import { renderCounters } from "../../src/render/lex.ts";
import { PackedRows } from "../../src/tree/packed-rows.ts";
import { SPINNER_FRAME_MS } from "../../src/tree/spans.ts";
import { type Harness, openHarness } from "./harness.ts";

let h: Harness;
afterEach(() => h?.dispose());

test("1,000 spinner ticks during a running tool call render no node", async () => {
  h = await openHarness(80, 20);
  h.feed({ type: "text_delta", text: "Let me look.\n\n" }, { type: "tool_call_start", id: "t", name: "run_command" });
  h.feed({ type: "tool_call_end", id: "t", args: { command: "make test" } });
  await h.step(50);
  const nodes = h.controller.tree.counters.nodesRendered;
  const rows = h.controller.view.counters.rowsDrawn;
  const frames = h.controller.loop.framesDrawn;
  const ticks = h.controller.loop.ticksDrawn;
  const glyphs = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    await h.timers.advance(SPINNER_FRAME_MS);
    // 7 ticks is not a multiple of the spinner's 10 glyphs, so samples see them all
    if (i % 7 === 0) {
      await h.setup.renderOnce();
      glyphs.add(h.screen().split("\n").find((l) => l.includes("run_command"))![0]!);
    }
  }
  expect(h.controller.loop.ticksDrawn - ticks).toBeGreaterThanOrEqual(1000);
  expect(h.controller.tree.counters.nodesRendered).toBe(nodes);
  expect(h.controller.view.counters.rowsDrawn).toBe(rows);
  expect(h.controller.loop.framesDrawn).toBe(frames);
  // the spinner really turned, and the elapsed clock moved with it
  expect(glyphs.size).toBeGreaterThan(5);
  await h.setup.renderOnce();
  expect(h.screen()).toMatch(/run_command make test\s+1m 40s/);
});

test("100 chunks between two frames render the streaming node once", async () => {
  h = await openHarness(80, 20);
  h.feed({ type: "text_delta", text: "Start. " });
  await h.step(50);
  const nodes = h.controller.tree.counters.nodesRendered;
  const lexed = renderCounters.bytesLexed;
  let streamed = "";
  for (let i = 0; i < 100; i++) {
    const chunk = `word${i} `;
    streamed += chunk;
    h.feed({ type: "text_delta", text: chunk });
  }
  await h.step(50);
  expect(h.controller.tree.counters.nodesRendered - nodes).toBe(1);
  // the open paragraph is lexed once for the frame, not once per chunk
  expect(renderCounters.bytesLexed - lexed).toBeLessThanOrEqual(("Start. " + streamed).length);
  expect(h.screen()).toContain("word99");
});

test("a stream of chunks is laid out at most fps times a second", async () => {
  h = await openHarness(80, 20, 30);
  h.feed({ type: "text_delta", text: "x" });
  await h.step(100);
  const frames = h.controller.loop.framesDrawn;
  const nodes = h.controller.tree.counters.nodesRendered;
  for (let t = 0; t < 1000; t += 5) {
    h.feed({ type: "text_delta", text: "y " });
    await h.timers.advance(5);
  }
  expect(h.controller.loop.framesDrawn - frames).toBeLessThanOrEqual(31);
  expect(h.controller.tree.counters.nodesRendered - nodes).toBeLessThanOrEqual(31);
});

test("with 10,000 nodes in history a frame renders only dirty nodes and draws only visible rows", async () => {
  h = await openHarness(100, 30);
  for (let i = 0; i < 5000; i++) {
    h.transcript.addUser(`question ${i}`);
    h.feed({ type: "text_delta", text: `Answer **${i}** with a [link](https://example.com/${i}).` }, { type: "turn_end", finishReason: "stop" });
  }
  await h.step(50);
  const tree = h.controller.tree;
  expect(tree.nodes.length).toBe(10_000);
  // only what is on screen was rendered: the rest waits until it is scrolled to
  expect(tree.counters.nodesRendered).toBeLessThan(30);
  expect(h.screen()).toContain("Answer 4999");

  h.transcript.addUser("one more");
  h.feed({ type: "text_delta", text: "Streaming" });
  await h.step(50);
  const nodes = tree.counters.nodesRendered;
  const rows = h.controller.view.counters.rowsDrawn;
  h.feed({ type: "text_delta", text: " and more words" });
  await h.step(50);
  expect(tree.counters.nodesRendered - nodes).toBe(1);
  expect(h.controller.view.counters.rowsDrawn - rows).toBeLessThanOrEqual(30);
  expect(h.screen()).toContain("Streaming and more words");
});

test("a finished answer on screen is packed and not redrawn while the next one streams", async () => {
  h = await openHarness(80, 24);
  h.feed({ type: "text_delta", text: "First answer:\n\n- one\n- two\n- three\n\nDone." }, { type: "turn_end", finishReason: "stop" });
  await h.step(50);
  const finished = h.controller.tree.nodes.at(-1)!;
  expect(finished.rows).toBeInstanceOf(PackedRows);
  const firstRow = finished.rows!.at(0);
  h.transcript.addUser("next");
  h.feed({ type: "text_delta", text: "Second" });
  await h.step(50);
  const rows = h.controller.view.counters.rowsDrawn;
  h.feed({ type: "text_delta", text: " answer grows" });
  await h.step(50);
  // only the streaming row changed; the packed rows above kept their identity
  expect(h.controller.view.counters.rowsDrawn - rows).toBe(1);
  expect(finished.rows!.at(0)).toBe(firstRow);
  expect(h.screen()).toContain("First answer:");
  expect(h.screen()).toContain("Second answer grows");
});

test("a frame caused by the view alone (hover, selection) renders no node", async () => {
  h = await openHarness(80, 20);
  h.feed({ type: "tool_call_start", id: "t", name: "read_file" }, { type: "tool_call_end", id: "t", args: { path: "a" } }, { type: "tool_result", id: "t", output: "ok" });
  h.feed({ type: "text_delta", text: "Some answer text here." }, { type: "turn_end", finishReason: "stop" });
  await h.step(50);
  const nodes = h.controller.tree.counters.nodesRendered;
  await h.setup.mockMouse.moveTo(3, 0);
  await h.step(50);
  await h.setup.mockMouse.drag(2, 2, 10, 2);
  await h.step(50);
  expect(h.controller.tree.counters.nodesRendered).toBe(nodes);
});

test("with nothing streaming or animating, no timer is armed", async () => {
  h = await openHarness(80, 20);
  h.feed({ type: "reasoning_delta", text: "hmm" });
  await h.step(50);
  expect(h.timers.pending).toBeGreaterThan(0);
  h.feed({ type: "text_delta", text: "Done." }, { type: "turn_end", finishReason: "stop" });
  await h.step(500);
  expect(h.controller.loop.idle).toBe(true);
  expect(h.timers.pending).toBe(0);
});

test("after a burst of output the controller gives memory back once, when the screen is still", async () => {
  h = await openHarness(80, 20);
  for (let i = 0; i < 100; i++) {
    h.feed({ type: "text_delta", text: `word${i} ` });
    await h.step(34);
  }
  expect(h.reclaims).toBe(0);
  h.feed({ type: "turn_end", finishReason: "stop" });
  await h.step(1000);
  expect(h.reclaims).toBe(0);
  await h.step(1500);
  expect(h.reclaims).toBe(1);
  await h.step(10_000);
  expect(h.reclaims).toBe(1);
  expect(h.timers.pending).toBe(0);
});
