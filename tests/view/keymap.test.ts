/** The chat's keymap as a table, without a renderer. */
import { describe, expect, test } from "bun:test";
import { CHAT_KEYMAP, chord, keyHelp, resolveKey, type KeyState } from "../../src/view/keymap.ts";

const key = (name: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean } = {}) => ({
  name,
  ctrl: mods.ctrl ?? false,
  meta: mods.meta ?? false,
  shift: mods.shift ?? false,
});
const idle: KeyState = { popupOpen: false, mentionOpen: false, composerEmpty: true, running: false };
const typing: KeyState = { ...idle, composerEmpty: false };
const streaming: KeyState = { ...idle, running: true };
const popup: KeyState = { ...typing, popupOpen: true };

test("chords spell the held modifiers in one order", () => {
  expect(chord(key("c", { ctrl: true }))).toBe("ctrl+c");
  expect(chord(key("tab", { shift: true }))).toBe("shift+tab");
  expect(chord(key("x", { ctrl: true, meta: true, shift: true }))).toBe("ctrl+meta+shift+x");
  expect(chord(key("pageup"))).toBe("pageup");
});

describe("which action a key runs, by state", () => {
  const table: [string, ReturnType<typeof key>, KeyState, string | null][] = [
    ["Up in the popup moves the selection", key("up"), popup, "popup.up"],
    ["Up outside the popup is the composer's (history)", key("up"), typing, null],
    ["Tab in the popup completes", key("tab"), popup, "popup.complete"],
    ["Enter in the popup runs", key("return"), popup, "popup.run"],
    ["Enter elsewhere is the composer's (send)", key("return"), typing, null],
    ["Shift+Enter is the composer's (new line)", key("return", { shift: true }), popup, null],
    ["Esc closes the popup first", key("escape"), { ...popup, running: true }, "popup.close"],
    ["Esc cancels a running turn", key("escape"), streaming, "cancel"],
    ["Esc when idle clears the selection", key("escape"), idle, "clearSelection"],
    ["Ctrl+C when idle clears or arms quitting", key("c", { ctrl: true }), typing, "interrupt"],
    ["Ctrl+C during a turn cancels it", key("c", { ctrl: true }), { ...streaming, composerEmpty: false }, "cancel"],
    ["Ctrl+D quits on an empty input", key("d", { ctrl: true }), idle, "quit"],
    ["Ctrl+D with text is the composer's (delete)", key("d", { ctrl: true }), typing, null],
    ["PgUp scrolls, with or without Shift", key("pageup", { shift: true }), typing, "pageUp"],
    ["PgDn scrolls", key("pagedown"), typing, "pageDown"],
    ["Home on an empty input goes to the top", key("home"), idle, "top"],
    ["Home with text is the composer's", key("home"), typing, null],
    ["Ctrl+Home always goes to the top", key("home", { ctrl: true }), typing, "top"],
    ["End on an empty input follows the bottom", key("end"), idle, "bottom"],
    ["Ctrl+End always follows the bottom", key("end", { ctrl: true }), typing, "bottom"],
    ["Ctrl+O toggles the latest block", key("o", { ctrl: true }), typing, "toggleLatest"],
    ["Ctrl+Y copies the last answer", key("y", { ctrl: true }), typing, "copyLastAnswer"],
    ["a letter is the composer's", key("a"), typing, null],
  ];
  for (const [what, k, state, action] of table) test(what, () => expect(resolveKey(CHAT_KEYMAP, k, state)).toBe(action as never));
});

test("/help's key list comes from the table", () => {
  const help = keyHelp(CHAT_KEYMAP);
  expect(help.some((h) => h.startsWith("Esc cancel the running answer"))).toBe(true);
  expect(help.some((h) => h.startsWith("Ctrl+C"))).toBe(true);
});
