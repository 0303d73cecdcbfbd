/** Markdown command files in the chat: listed in the `/` popup, run as prompts, broken ones named. */
import { afterEach, expect, test } from "bun:test";
import { createTestRenderer, type TestRendererSetup } from "@opentui/core/testing";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCustomCommands } from "../../src/config/commands.ts";
import { ManualClock } from "../../src/provider/clock.ts";
import type { AgentEvent, Provider, TurnRequest } from "../../src/provider/events.ts";
import { darkTheme } from "../../src/render/theme.ts";
import { Session } from "../../src/session/session.ts";
import { ChatScreen } from "../../src/view/chat-screen.ts";

/** Answers every turn with one word, keeping what it was asked. */
class EchoProvider implements Provider {
  readonly name = "echo";
  readonly model = "echo-1";
  requests: TurnRequest[] = [];
  async *stream(req: TurnRequest): AsyncIterable<AgentEvent> {
    this.requests.push(req);
    yield { type: "text_delta", text: "done" };
    yield { type: "turn_end", finishReason: "stop" };
  }
}

let open: { setup: TestRendererSetup; screen: ChatScreen } | undefined;
afterEach(async () => {
  open?.screen.destroy();
  await open?.setup.dispose();
  open = undefined;
});

async function chatWith(files: Record<string, string>) {
  const project = mkdtempSync(join(tmpdir(), "petrel-project-commands-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(project, name, ".."), { recursive: true });
    writeFileSync(join(project, name), text);
  }
  const setup = await createTestRenderer({ width: 90, height: 24, kittyKeyboard: true });
  const timers = new ManualClock(1_000_000);
  const provider = new EchoProvider();
  const session = Session.create({ connect: () => provider, model: "echo-1", store: null });
  const screen = new ChatScreen(setup.renderer, session, {
    theme: darkTheme,
    fps: 30,
    stats: false,
    timers,
    now: () => timers.now(),
    quit: () => {},
    heapSnapshot: () => "/tmp/x.heapsnapshot",
    customCommands: loadCustomCommands([{ dir: project, source: "project" }]),
  });
  open = { setup, screen };
  const step = async () => {
    for (let i = 0; i < 10; i++) await Bun.sleep(0);
    await timers.advance(50);
    await setup.renderOnce();
    return setup.captureCharFrame();
  };
  return { setup, provider, project, step };
}

test("project commands are listed in the popup with their description, marked as the project's", async () => {
  const t = await chatWith({ "review.md": "---\ndescription: Review a file for bugs\nargument-hint: FILE\n---\nReview $1" });
  await t.setup.mockInput.typeText("/rev");
  const screen = await t.step();
  expect(screen).toContain("/review FILE");
  expect(screen).toContain("Review a file for bugs (project)");
});

test("running a command sends its prompt with the arguments put in, read afresh from the file", async () => {
  const t = await chatWith({ "fix.md": "Fix issue $1 in $2; context: $ARGUMENTS" });
  writeFileSync(join(t.project, "fix.md"), "Fix issue $1 in $2 (edited); context: $ARGUMENTS");
  await t.setup.mockInput.typeText("/fix #12 parser.ts");
  t.setup.mockInput.pressEnter();
  const screen = await t.step();
  expect(t.provider.requests[0]!.history).toEqual([
    { role: "user", content: "Fix issue #12 in parser.ts (edited); context: #12 parser.ts" },
  ]);
  expect(screen).toContain("› Fix issue #12 in parser.ts (edited)");
});

test("a broken command file and one that shadows a built-in are named in a notice; the chat goes on", async () => {
  const t = await chatWith({ "broken.md": "---\ndescription: oops\n", "help.md": "not the real help", "ok.md": "fine" });
  const screen = (await t.step()).replace(/\s+/g, " ");
  expect(screen).toContain("Custom command skipped:");
  expect(screen).toContain("broken.md: the front matter opened on line 1 is never closed");
  expect(screen).toContain("help.md: /help is a built-in command; the file is ignored");
  await t.setup.mockInput.typeText("/ok");
  t.setup.mockInput.pressEnter();
  await t.step();
  expect(t.provider.requests[0]!.history).toEqual([{ role: "user", content: "fine" }]);
});
