/**
 * Screen tests: each kind of block as the captured terminal shows it, collapsed and
 * expanded, at two widths.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { type Harness, openHarness } from "./harness.ts";

let h: Harness;
afterEach(() => h?.dispose());

function lines(screen: string): string[] {
  return screen.split("\n").map((l) => l.trimEnd());
}

function content(screen: string): string {
  return lines(screen).join("\n").trim();
}

async function clickLine(h: Harness, needle: string): Promise<void> {
  const y = lines(h.screen()).findIndex((l) => l.includes(needle));
  expect(y).toBeGreaterThanOrEqual(0);
  await h.setup.mockMouse.click(2, y);
  await h.step(50);
}

for (const width of [80, 44]) {
  describe(`at ${width} columns`, () => {
    test("a user message wraps under its marker", async () => {
      h = await openHarness(width, 12);
      h.transcript.addUser("Please explain how the retained transcript tree keeps frames cheap during streaming");
      const screen = await h.step();
      const rows = lines(screen).filter((l) => l.length > 0);
      expect(rows[0]!.startsWith("› Please explain")).toBe(true);
      for (const row of rows.slice(1)) expect(row.startsWith("  ")).toBe(true);
      expect(rows.join(" ").replace(/\s+/g, " ")).toContain("keeps frames cheap during streaming");
    });

    test("a long pasted prompt is collapsed to its first lines and expands on click", async () => {
      h = await openHarness(width, 40);
      h.transcript.addUser(Array.from({ length: 30 }, (_, i) => `pasted line ${i + 1}`).join("\n"));
      let screen = content(await h.step());
      expect(screen).toContain("› pasted line 1");
      expect(screen).toContain("pasted line 12");
      expect(screen).not.toContain("pasted line 13");
      expect(screen).toContain("… +18 lines");
      await clickLine(h, "pasted line 1");
      screen = content(h.screen());
      expect(screen).toContain("pasted line 30");
      expect(screen).not.toContain("… +18 lines");
    });

    test("an assistant answer renders markdown behind its gutter", async () => {
      h = await openHarness(width, 16);
      h.feed({ type: "text_delta", text: "## Plan\n\n- **first** step\n- second step\n\n```ts\nconst x = 1;\n```\n" }, { type: "turn_end", finishReason: "stop" });
      const screen = content(await h.step());
      expect(screen.split("\n")[0]).toMatch(/^● .*Plan/);
      expect(screen).toContain("  • first step");
      expect(screen).toContain("  • second step");
      expect(screen).toContain("const x = 1;");
      const bold = h.setup.captureSpans().lines.flatMap((l) => l.spans).find((s) => s.text.includes("first"));
      expect(bold!.attributes & 1).toBe(1);
    });

    test("reasoning streams under Thinking…, then collapses to one row and expands on click", async () => {
      h = await openHarness(width, 14);
      h.feed({ type: "reasoning_delta", text: "Consider the **heights** first.\n\nThen the cache." });
      let screen = content(await h.step(40));
      expect(screen).toContain("Thinking…");
      expect(screen).toContain("Consider the heights first.");
      await h.timers.advance(12_000);
      h.feed({ type: "text_delta", text: "Answer." });
      screen = content(await h.step(40));
      expect(screen).toContain("▸ Thought for 12s");
      expect(screen).not.toContain("Consider the heights");
      await clickLine(h, "Thought for");
      screen = content(h.screen());
      expect(screen).toContain("▾ Thought for 12s");
      expect(screen).toContain("Consider the heights first.");
      expect(screen).toContain("Then the cache.");
      const dim = h.setup.captureSpans().lines.flatMap((l) => l.spans).find((s) => s.text.includes("Consider"));
      expect(dim!.attributes & 2).toBe(2);
      await clickLine(h, "Thought for");
      expect(content(h.screen())).not.toContain("Consider the heights");
    });

    test("a tool call shows name, argument summary, status, and a preview that expands", async () => {
      h = await openHarness(width, 24);
      h.feed(
        { type: "tool_call_start", id: "c1", name: "run_command" },
        { type: "tool_call_delta", id: "c1", argsDelta: '{"command":"ls -la src"}' },
        { type: "tool_call_end", id: "c1", args: { command: "ls -la src" } },
      );
      let screen = content(await h.step(40));
      expect(screen).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] run_command ls -la src\s+0s$/m);
      await h.timers.advance(2_300);
      h.feed({ type: "tool_result", id: "c1", output: Array.from({ length: 9 }, (_, i) => `file${i + 1}.ts`).join("\n") });
      screen = content(await h.step(40));
      expect(screen).toMatch(/^✓ run_command ls -la src\s+2s$/m);
      expect(screen).toContain("  ⎿ file1.ts");
      expect(screen).toContain("    file4.ts");
      expect(screen).not.toContain("file5.ts");
      expect(screen).toContain("… +5 lines");
      await clickLine(h, "run_command");
      screen = content(h.screen());
      expect(screen).toContain("file9.ts");
      expect(screen).toContain('"command": "ls -la src"');
      expect(screen).not.toContain("… +5 lines");
    });

    test("a failed tool call and a diff result are coloured", async () => {
      h = await openHarness(width, 24);
      h.feed(
        { type: "tool_call_start", id: "p", name: "apply_patch" },
        { type: "tool_call_end", id: "p", args: { path: "a.ts" } },
        { type: "tool_result", id: "p", output: "@@ -1 +1 @@\n-old\n+new" },
        { type: "tool_call_start", id: "f", name: "read_file" },
        { type: "tool_call_end", id: "f", args: { path: "missing.ts" } },
        { type: "tool_result", id: "f", output: "ENOENT: no such file", isError: true },
      );
      const screen = content(await h.step(40));
      expect(screen).toMatch(/^✗ read_file missing.ts/m);
      const spans = h.setup.captureSpans().lines.flatMap((l) => l.spans);
      const added = spans.find((s) => s.text.includes("+new"))!;
      const removed = spans.find((s) => s.text.includes("-old"))!;
      expect(added.fg.toInts()).not.toEqual(removed.fg.toInts());
    });

    test("errors and notices have their own markers", async () => {
      h = await openHarness(width, 10);
      h.transcript.error("HTTP 401 from openai: check your API key");
      h.transcript.notice("Retrying in a moment");
      const screen = content(await h.step());
      expect(screen).toMatch(/^✗ HTTP 401 from openai/m);
      expect(screen).toMatch(/^• Retrying in a moment/m);
    });
  });
}

test("no row is wider than the screen for long unbroken text", async () => {
  h = await openHarness(30, 12);
  h.transcript.addUser("x".repeat(200));
  h.feed({ type: "text_delta", text: "https://example.com/" + "a".repeat(150) });
  const screen = await h.step();
  for (const line of screen.split("\n")) expect(Bun.stringWidth(line)).toBeLessThanOrEqual(30);
});

test("escape sequences and controls in any block never reach the screen raw", async () => {
  h = await openHarness(80, 30);
  const evil = "a\x1b]0;pwned\x07b\x1b[2J\x1b[31mred\x1b]52;c;ZXZpbA==\x07\x9b1;1H\u202Eabc\x00\x07";
  h.transcript.addUser(`user ${evil}`);
  h.feed({ type: "reasoning_delta", text: `think ${evil}` });
  h.feed(
    { type: "text_delta", text: `text ${evil}\n\n` },
    { type: "tool_call_start", id: "t", name: `tool${evil}` },
    { type: "tool_call_delta", id: "t", argsDelta: JSON.stringify({ command: `cmd ${evil}` }) },
    { type: "tool_call_end", id: "t", args: { command: `cmd ${evil}` } },
    { type: "tool_result", id: "t", output: `out ${evil}` },
    { type: "error", message: `err ${evil}` },
  );
  h.transcript.notice(`notice ${evil}`);
  await h.step();
  for (const line of h.setup.captureSpans().lines) {
    for (const span of line.spans) {
      expect(span.text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
    }
  }
  const screen = h.screen();
  expect(screen).toContain("user a");
  expect(screen).toContain("out a");
  expect(screen).not.toContain("pwned\x07");
});

test("a terminal only a few columns wide still renders every kind of block", async () => {
  for (const width of [1, 2, 3, 5]) {
    h = await openHarness(width, 12);
    h.transcript.addUser("hello there");
    h.feed({ type: "reasoning_delta", text: "hmm" }, { type: "text_delta", text: "- a **b**\n\n```ts\nx\n```" });
    h.feed({ type: "tool_call_start", id: "t", name: "read" }, { type: "tool_call_end", id: "t", args: { path: "a" } }, { type: "tool_result", id: "t", output: "ok" });
    h.transcript.error("boom");
    h.transcript.notice("note");
    const screen = await h.step();
    for (const line of screen.split("\n")) expect(Bun.stringWidth(line)).toBeLessThanOrEqual(width);
    await h.dispose();
  }
});
