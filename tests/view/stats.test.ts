import { expect, test } from "bun:test";
import { createTestRenderer } from "@opentui/core/testing";
import type { AgentEvent, Provider } from "../../src/provider/events.ts";
import { darkTheme } from "../../src/render/theme.ts";
import { Session } from "../../src/session/session.ts";
import { ChatScreen } from "../../src/view/chat-screen.ts";
import { ManualClock } from "../../src/provider/clock.ts";

const silent: Provider = {
  name: "scripted",
  model: "m",
  async *stream(): AsyncIterable<AgentEvent> {},
};

test("--stats puts fps, frame time, nodes per frame, heap and RSS in the status line", async () => {
  const setup = await createTestRenderer({ width: 140, height: 12, exitOnCtrlC: false });
  const timers = new ManualClock(1_000_000);
  const session = Session.create({ connect: () => silent, model: "m", store: null });
  const screen = new ChatScreen(setup.renderer, session, {
    theme: darkTheme,
    fps: 30,
    stats: true,
    timers,
    now: () => timers.now(),
    quit: () => {},
    heapSnapshot: () => "",
  });
  session.transcript.notice("hello");
  await timers.advance(1500);
  await setup.renderOnce();
  const status = setup.captureCharFrame().split("\n").at(-2)!;
  expect(status).toMatch(/\d+ fps · \d+\.\d+ ms\/frame · \d+(\.\d)? nodes\/frame · heap \d+ MB · rss \d+ MB/);
  screen.destroy();
  await setup.dispose();
});
