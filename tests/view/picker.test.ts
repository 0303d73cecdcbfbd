/** The fuzzy picker on its own, on OpenTUI's test renderer. */
import { afterEach, expect, test } from "bun:test";
import type { KeyEvent } from "@opentui/core";
import { createTestRenderer, type TestRendererSetup } from "@opentui/core/testing";
import { darkTheme } from "../../src/render/theme.ts";
import { Picker } from "../../src/view/picker.ts";
import { toRGBA } from "../../src/view/row-painter.ts";

let setup: TestRendererSetup | undefined;
afterEach(async () => {
  await setup?.dispose();
  setup = undefined;
});

async function openPicker(width = 60, height = 16) {
  setup = await createTestRenderer({ width, height, kittyKeyboard: true });
  const picker = new Picker<string>(setup.renderer, darkTheme);
  setup.renderer.root.add(picker);
  // keys reach the picker the way a screen would route them
  setup.renderer.keyInput.on("keypress", (key: KeyEvent) => {
    if (picker.handleKey(key)) key.preventDefault();
  });
  const render = async () => {
    await setup!.renderOnce();
    return setup!.captureCharFrame();
  };
  return { picker, input: setup.mockInput, render };
}

const MODELS = ["gpt-4o", "gpt-4o-mini", "o3-mini", "claude-sonnet-4-5", "llama3.2"].map((id) => ({ label: id, value: id }));

test("a modal picker filters fuzzily as the user types, and Enter chooses", async () => {
  const { picker, input, render } = await openPicker();
  const chosen: string[] = [];
  picker.open({ title: "Models", items: MODELS, choose: (v) => chosen.push(v), ownQuery: true, selected: "o3-mini" });
  let screen = await render();
  expect(screen).toContain("Models (5)");
  expect(screen).toContain("› o3-mini");
  await input.typeText("4omi");
  screen = await render();
  expect(picker.shown.map((i) => i.label)).toEqual(["gpt-4o-mini"]);
  expect(screen).toContain("Models (1 of 5)");
  expect(screen).toContain("› 4omi");
  input.pressEnter();
  expect(chosen).toEqual(["gpt-4o-mini"]);
  expect(picker.isOpen).toBe(false);
  expect(await render()).not.toContain("Models");
});

test("arrows move and wrap; Esc closes without a choice", async () => {
  const { picker, input, render } = await openPicker();
  let cancelled = 0;
  picker.open({ title: "Models", items: MODELS, choose: () => {}, cancel: () => cancelled++, ownQuery: true });
  input.pressArrow("up");
  expect(picker.current?.label).toBe("llama3.2");
  input.pressArrow("down");
  expect(picker.current?.label).toBe("gpt-4o");
  input.pressEscape();
  await Bun.sleep(0); // a lone Esc is told apart from an escape sequence after a moment
  await render();
  expect(cancelled).toBe(1);
  expect(picker.isOpen).toBe(false);
});

test("long lists scroll inside ten rows; nothing matching says so; the picker is opaque", async () => {
  const { picker, input, render } = await openPicker(40, 20);
  const items = Array.from({ length: 30 }, (_, i) => ({ label: `file-${String(i).padStart(2, "0")}.ts`, detail: `${i} KB`, value: String(i) }));
  picker.open({ title: "Files", items, choose: () => {}, ownQuery: true });
  for (let i = 0; i < 15; i++) input.pressArrow("down");
  let screen = await render();
  expect(screen).toContain("› file-15.ts");
  expect(screen).not.toContain("file-00.ts");
  expect(screen).toContain("15 KB");
  await input.typeText("zzz");
  screen = await render();
  expect(screen).toContain("nothing matches");
  // every cell of the picker's rows carries its background: nothing shows through
  const lines = setup!.captureSpans().lines;
  const panel = toRGBA(darkTheme.code.bg);
  for (const line of lines.slice(-3)) {
    expect(line.spans.reduce((w, sp) => w + sp.width, 0)).toBe(40);
    for (const sp of line.spans) expect(sp.bg.equals(panel)).toBe(true);
  }
});

test("an inline picker leaves typing to its owner and filters by the query it is given", async () => {
  const { picker, input, render } = await openPicker();
  picker.open({ title: "Files", items: MODELS, choose: () => {} });
  await input.typeText("x");
  expect(picker.query).toBe("");
  picker.setQuery("claude");
  await render();
  expect(picker.shown.map((i) => i.label)).toEqual(["claude-sonnet-4-5"]);
});
