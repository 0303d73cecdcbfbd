/** The status line's layout as a pure function, and its segments. */
import { expect, test } from "bun:test";
import { ActivitySegment, HintSegment } from "../../src/view/status/segments.ts";
import { layoutStatus } from "../../src/view/status/status-line.ts";

const L = (text: string, priority = 50) => ({ side: "left" as const, priority, text });
const R = (text: string, priority = 50) => ({ side: "right" as const, priority, text });

test("left segments from the left, right ones against the edge, two spaces between", () => {
  expect(layoutStatus([L("a · b"), L("↑1 ↓2"), R("hint")], 20)).toBe("a · b  ↑1 ↓2    hint");
  expect(layoutStatus([L("a"), L("b")], 10)).toBe("a  b");
  expect(layoutStatus([R("x")], 5)).toBe("    x");
});

test("on a narrow line the lowest priority goes first, and a lone survivor is cut", () => {
  const parts = [L("scripted · model", 50), L("↑1 ↓2", 30), L("ready", 60), R("Press Ctrl+C again to quit", 100)];
  expect(layoutStatus(parts, 80)).toBe("scripted · model  ↑1 ↓2  ready" + " ".repeat(24) + "Press Ctrl+C again to quit");
  expect(layoutStatus(parts, 40)).toBe("ready" + " ".repeat(9) + "Press Ctrl+C again to quit");
  expect(layoutStatus(parts, 12)).toBe("Press Ctrl+C");
});

test("wide characters count as the cells they take", () => {
  expect(layoutStatus([L("界界"), R("x")], 8)).toBe("界界   x");
});

test("the turn clock ticks on whole seconds and starts from zero for the next turn", () => {
  const session = { provider: { name: "p", model: "m" }, usage: { inputTokens: 0, outputTokens: 0 }, running: true, queued: 0 };
  const clock = new ActivitySegment(session);
  expect(clock.text(1000)).toBe("streaming 0s · Esc to cancel");
  expect(clock.nextChange(1000)).toBe(2000);
  expect(clock.text(3500)).toBe("streaming 2s · Esc to cancel");
  expect(clock.nextChange(3500)).toBe(4000);
  // a queued prompt starts the next turn in the same moment the first one ends
  clock.turnEnded();
  expect(clock.text(3600)).toBe("streaming 0s · Esc to cancel");
  session.running = false;
  expect(clock.text(4000)).toBe("ready");
  expect(clock.nextChange(4000)).toBeNull();
});

test("a hint shows until it expires, and says when", () => {
  const hint = new HintSegment(2000);
  expect(hint.text(0)).toBeNull();
  hint.flash("Copied", 100);
  expect(hint.text(1000)).toBe("Copied");
  expect(hint.nextChange()).toBe(2100);
  expect(hint.text(2100)).toBeNull();
  expect(hint.nextChange()).toBeNull();
});
