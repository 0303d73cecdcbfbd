/** The interactive screen on OpenTUI's test renderer: keys, composer, commands, status line. */
import { expect, test } from "bun:test";
import { BoxRenderable, TextRenderable } from "@opentui/core";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { open } from "./chat-harness.ts";

test("the empty screen greets the user and names the provider", async () => {
  const { step } = await open();
  const screen = await step();
  expect(screen).toContain("petrel");
  expect(screen).toContain("scripted · test-model");
  expect(screen).toContain("/help");
  expect(screen).toContain("Message petrel");
});

test("Enter sends; the answer streams into the transcript; the status line shows the turn", async () => {
  const t = await open();
  await t.setup.mockInput.typeText("hello there");
  t.setup.mockInput.pressEnter();
  let screen = await t.step();
  expect(screen).toContain("› hello there");
  expect(screen).toContain("streaming");
  expect(t.provider.requests[0]!.history).toEqual([{ role: "user", content: "hello there" }]);
  t.provider.emit({ type: "text_delta", text: "Hi! **Bold** answer." }, { type: "usage", usage: { inputTokens: 12, outputTokens: 34 } }, { type: "turn_end", finishReason: "stop" });
  screen = await t.step();
  expect(screen).toContain("● Hi! Bold answer.");
  expect(screen).toContain("↑12 ↓34");
  expect(screen).toContain("ready");
});

test("Shift+Enter, Alt+Enter and Ctrl+J add lines instead of sending", async () => {
  const t = await open();
  await t.setup.mockInput.typeText("one");
  t.setup.mockInput.pressEnter({ shift: true });
  await t.setup.mockInput.typeText("two");
  t.setup.mockInput.pressEnter({ meta: true });
  await t.setup.mockInput.typeText("three");
  t.setup.mockInput.pressKey("j", { ctrl: true });
  await t.setup.mockInput.typeText("four");
  await t.step();
  expect(t.screen.composer.text).toBe("one\ntwo\nthree\nfour");
  expect(t.provider.requests.length).toBe(0);
  t.setup.mockInput.pressEnter();
  await t.step();
  expect(t.provider.requests[0]!.history[0]).toEqual({ role: "user", content: "one\ntwo\nthree\nfour" });
});

test("Up and Down walk the input history", async () => {
  const t = await open();
  for (const prompt of ["first", "second"]) {
    await t.setup.mockInput.typeText(prompt);
    t.setup.mockInput.pressEnter();
    await t.step();
    t.provider.emit({ type: "turn_end", finishReason: "stop" });
    await t.step();
  }
  await t.setup.mockInput.typeText("draft");
  t.setup.mockInput.pressArrow("up");
  expect(t.screen.composer.text).toBe("second");
  t.setup.mockInput.pressArrow("up");
  expect(t.screen.composer.text).toBe("first");
  t.setup.mockInput.pressArrow("down");
  t.setup.mockInput.pressArrow("down");
  expect(t.screen.composer.text).toBe("draft");
});

test("a long bracketed paste shows as a placeholder and is sent whole", async () => {
  const t = await open();
  const big = Array.from({ length: 200 }, (_, i) => `line ${i}`).join("\n");
  await t.setup.mockInput.typeText("look: ");
  await t.setup.mockInput.pasteBracketedText(big);
  await t.step();
  expect(t.screen.composer.text).toBe("look: [Pasted text #1 +200 lines]");
  const small = "short paste";
  await t.setup.mockInput.pasteBracketedText(" " + small);
  expect(t.screen.composer.text).toBe("look: [Pasted text #1 +200 lines] short paste");
  t.setup.mockInput.pressEnter();
  await t.step();
  expect(t.provider.requests[0]!.history[0]).toEqual({ role: "user", content: `look: ${big} short paste` });
});

test("Esc cancels the running turn; the partial answer stays, marked interrupted", async () => {
  const t = await open();
  await t.send("go");
  t.provider.emit({ type: "text_delta", text: "Partial answ" });
  await t.step();
  t.setup.mockInput.pressEscape();
  const screen = await t.step();
  expect(t.session.running).toBe(false);
  expect(screen).toContain("● Partial answ");
  expect(screen).toContain("interrupted");
  expect(screen).toContain("ready");
});

test("Ctrl+C clears the input, and a second Ctrl+C quits", async () => {
  const t = await open();
  await t.setup.mockInput.typeText("something");
  t.setup.mockInput.pressCtrlC();
  let screen = await t.step();
  expect(t.screen.composer.text).toBe("");
  expect(screen).toContain("Ctrl+C again to quit");
  expect(t.quits).toBe(0);
  t.setup.mockInput.pressCtrlC();
  expect(t.quits).toBe(1);
});

test("a single Ctrl+C on an empty input only arms quitting, and the arming expires", async () => {
  const t = await open();
  t.setup.mockInput.pressCtrlC();
  await t.step(3000);
  t.setup.mockInput.pressCtrlC();
  expect(t.quits).toBe(0);
  t.setup.mockInput.pressCtrlC();
  expect(t.quits).toBe(1);
});

test("Ctrl+D quits on an empty input only", async () => {
  const t = await open();
  await t.setup.mockInput.typeText("x");
  t.setup.mockInput.pressKey("d", { ctrl: true });
  expect(t.quits).toBe(0);
  t.screen.composer.clear();
  t.setup.mockInput.pressKey("d", { ctrl: true });
  expect(t.quits).toBe(1);
});

test("typing / opens the completion popup; Tab completes; Enter runs a command", async () => {
  const t = await open();
  await t.setup.mockInput.typeText("/");
  let screen = await t.step();
  for (const cmd of ["/help", "/new", "/clear", "/model", "/stats", "/heap", "/export", "/quit"]) expect(screen).toContain(cmd);
  await t.setup.mockInput.typeText("mo");
  screen = await t.step();
  expect(screen).toContain("/model [NAME]");
  expect(screen).not.toContain("/export");
  t.setup.mockInput.pressTab();
  expect(t.screen.composer.text).toBe("/model ");
  await t.setup.mockInput.typeText("bigger-model");
  t.setup.mockInput.pressEnter();
  screen = await t.step();
  expect(screen).toContain("Model: bigger-model");
  expect(t.session.provider.model).toBe("bigger-model");
  // the list is alphabetical: "/he" offers /heap, then /help
  await t.setup.mockInput.typeText("/he");
  screen = await t.step();
  expect(screen.indexOf("/heap")).toBeLessThan(screen.indexOf("/help"));
  t.setup.mockInput.pressArrow("down");
  t.setup.mockInput.pressArrow("down");
  t.setup.mockInput.pressEnter();
  screen = await t.step();
  expect(screen).toContain("Heap snapshot written to /tmp/x.heapsnapshot");
});

test("/help lists keys and commands; /quit quits; an unknown command says so", async () => {
  const t = await open(100, 30);
  await t.setup.mockInput.typeText("/help");
  t.setup.mockInput.pressEscape();
  t.setup.mockInput.pressEnter();
  let screen = await t.step();
  expect(screen).toContain("Shift+Enter");
  expect(screen).toContain("/export [FILE]");
  await t.setup.mockInput.typeText("/frobnicate");
  t.setup.mockInput.pressEnter();
  screen = await t.step();
  expect(screen).toContain("Unknown command /frobnicate");
  await t.setup.mockInput.typeText("/quit");
  t.setup.mockInput.pressEscape();
  t.setup.mockInput.pressEnter();
  expect(t.quits).toBe(1);
});

test("/export writes the conversation as markdown", async () => {
  const t = await open(100, 30);
  await t.send("question");
  t.provider.emit({ type: "text_delta", text: "The *answer*." }, { type: "turn_end", finishReason: "stop" });
  await t.step();
  await t.send("/model next-model");
  const file = join(mkdtempSync(join(tmpdir(), "petrel-export-")), "out.md");
  await t.setup.mockInput.typeText(`/export ${file}`);
  t.setup.mockInput.pressEnter();
  await Bun.sleep(10);
  const screen = await t.step();
  expect(screen).toContain("Exported the conversation to");
  const md = readFileSync(file, "utf8");
  expect(md).toContain("question");
  expect(md).toContain("The *answer*.");
  // the conversation only: petrel's notices are not in it
  expect(md).not.toContain("Model:");
  expect(md).not.toContain("> *");
});

test("provider errors appear as error blocks and the app keeps running", async () => {
  const t = await open();
  await t.send("go");
  t.provider.emit({ type: "text_delta", text: "Half" }, { type: "error", message: "openai: connection reset" });
  const screen = await t.step();
  expect(screen).toContain("✗ openai: connection reset");
  expect(screen).toContain("● Half");
  await t.send("again");
  expect(t.provider.requests.length).toBe(2);
});

test("a modal takes the keyboard while open and gives it back to the composer when closed", async () => {
  const t = await open();
  const seen: string[] = [];
  const box = new BoxRenderable(t.setup.renderer, { position: "absolute", left: 2, top: 2, width: 30, height: 3, zIndex: 50, border: true });
  box.add(new TextRenderable(t.setup.renderer, { content: "Pick one" }));
  const close = t.screen.modals.open({
    renderable: box,
    handleKey(key) {
      seen.push(key.name);
      if (key.name === "escape") close();
      return true;
    },
  });
  await t.setup.mockInput.typeText("ab");
  t.setup.mockInput.pressKey("d", { ctrl: true });
  let screen = await t.step();
  expect(screen).toContain("Pick one");
  expect(seen).toEqual(["a", "b", "d"]);
  expect(t.screen.composer.text).toBe("");
  expect(t.quits).toBe(0);
  t.setup.mockInput.pressEscape();
  screen = await t.step();
  expect(screen).not.toContain("Pick one");
  expect(t.screen.modals.active).toBeNull();
  await t.setup.mockInput.typeText("hi");
  expect(t.screen.composer.text).toBe("hi");
});

test("the composer grows with its lines up to 8 rows, then scrolls inside with the cursor in view", async () => {
  const t = await open(40, 20);
  const rowsOf = (screen: string) => screen.split("\n");
  const composerRows = (screen: string) => {
    const rows = rowsOf(screen);
    const top = rows.findIndex((r) => r.startsWith("────"));
    return rows.slice(top + 1, rows.length - 2);
  };
  for (const w of ["one", "two"]) {
    await t.setup.mockInput.typeText(w);
    t.setup.mockInput.pressEnter({ shift: true });
  }
  await t.setup.mockInput.typeText("three");
  let screen = await t.step();
  expect(composerRows(screen).map((r) => r.trim())).toEqual(["one", "two", "three"]);
  for (let i = 4; i <= 10; i++) {
    t.setup.mockInput.pressEnter({ shift: true });
    await t.setup.mockInput.typeText(`line ${i}`);
  }
  screen = await t.step();
  let rows = composerRows(screen);
  expect(rows.length).toBe(8);
  expect(rows.at(-1)!.trim()).toBe("line 10");
  const cursor = t.setup.renderer.getCursorState();
  expect(cursor.visible).toBe(true);
  // the cursor (1-based) sits just after "line 10", on the composer's last row
  expect(rowsOf(screen)[cursor.y - 1]!.trim()).toBe("line 10");
  expect(cursor.x - 1).toBe("line 10".length);
  t.screen.composer.clear();
  await t.setup.mockInput.typeText("a long line that wraps over the edge of a narrow screen");
  screen = await t.step();
  rows = composerRows(screen);
  expect(rows.length).toBe(2);
  expect(rows.join(" ").replace(/\s+/g, " ").trim()).toBe("a long line that wraps over the edge of a narrow screen");
});

test("the turn clock starts from zero for each turn, also for a queued prompt that starts the moment the last ends", async () => {
  const t = await open();
  await t.send("first");
  await t.step(4000);
  await t.setup.mockInput.typeText("second");
  t.setup.mockInput.pressEnter();
  let screen = await t.step(1000);
  expect(screen).toContain("streaming 5s");
  t.provider.emit({ type: "turn_end", finishReason: "stop" });
  screen = await t.step();
  expect(t.provider.requests.length).toBe(2);
  expect(screen).toContain("streaming 0s");
  t.provider.emit({ type: "turn_end", finishReason: "stop" });
  await t.step();
  await t.setup.mockInput.typeText("third");
  t.setup.mockInput.pressEnter();
  await t.step(3000);
  screen = await t.step(10);
  expect(screen).toContain("streaming 3s");
});

test("prompts typed during a turn show as queued; Esc cancels and puts them back in the input", async () => {
  const t = await open();
  await t.send("go");
  for (const p of ["and then this", "and that"]) {
    await t.setup.mockInput.typeText(p);
    t.setup.mockInput.pressEnter();
  }
  let screen = await t.step();
  expect(screen.split("\n").at(-2)).toContain("2 queued");
  t.setup.mockInput.pressEscape();
  screen = await t.step();
  expect(t.session.running).toBe(false);
  expect(t.provider.requests.length).toBe(1);
  expect(t.screen.composer.text).toBe("and then this\nand that");
  expect(screen).toContain("2 queued prompts are back in the input");
  expect(screen).not.toMatch(/\d queued(?! prompts)/);
});

test("Ctrl+C during a turn cancels it (the input stays); idle, it clears as before", async () => {
  const t = await open();
  await t.send("go");
  t.provider.emit({ type: "text_delta", text: "Partial" });
  await t.setup.mockInput.typeText("draft");
  await t.step();
  t.setup.mockInput.pressCtrlC();
  const screen = await t.step();
  expect(t.session.running).toBe(false);
  expect(screen).toContain("interrupted");
  expect(t.screen.composer.text).toBe("draft");
  expect(t.quits).toBe(0);
  t.setup.mockInput.pressCtrlC();
  expect(t.screen.composer.text).toBe("");
});

test("the / popup is opaque: no transcript text shows between its columns", async () => {
  const t = await open(60, 20);
  for (let i = 0; i < 30; i++) t.session.transcript.notice("▒".repeat(58));
  await t.step();
  await t.setup.mockInput.typeText("/");
  const screen = await t.step();
  const popupRows = screen.split("\n").filter((r) => /^ \/\w/.test(r));
  expect(popupRows.length).toBe(t.screen.commands.length);
  for (const row of popupRows) expect(row).not.toContain("▒");
});

test("after /model and /clear the welcome names the new model", async () => {
  const t = await open();
  await t.send("/model other-model");
  await t.setup.mockInput.typeText("/clear");
  t.setup.mockInput.pressEscape();
  t.setup.mockInput.pressEnter();
  const screen = await t.step();
  expect(screen).toContain("scripted · other-model");
  expect(screen).not.toContain("test-model");
});

test("a pasted text that ends with a newline counts its lines as an editor does", async () => {
  const t = await open();
  const text = Array.from({ length: 2521 }, (_, i) => `row ${i}`).join("\n") + "\n";
  await t.setup.mockInput.pasteBracketedText(text);
  await t.step();
  expect(t.screen.composer.text).toBe("[Pasted text #1 +2521 lines]");
});
