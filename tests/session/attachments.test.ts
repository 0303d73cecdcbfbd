/** Attachments ride with their prompt to the model, the log and a resume; "!" blocks stay the user's. */
import { expect, test } from "bun:test";
import { join } from "node:path";
import { ManualClock } from "../../src/provider/clock.ts";
import type { Provider } from "../../src/provider/events.ts";
import type { Attachment } from "../../src/session/blocks.ts";
import { Session } from "../../src/session/session.ts";
import { SessionStore } from "../../src/session/store.ts";
import { runUntil, ScriptedProvider, shortTurn, tempDir } from "./helpers.ts";

function setup(dir = tempDir()) {
  const clock = new ManualClock(1_700_000_000_000);
  const store = new SessionStore(join(dir, "sessions"));
  const providers: ScriptedProvider[] = [];
  const connect = (model: string): Provider => {
    const p = new ScriptedProvider(model, [shortTurn("one"), shortTurn("two")], clock);
    providers.push(p);
    return p;
  };
  return { clock, store, providers, options: { connect, model: "m1", store, clock } };
}

const FILE: Attachment = { name: "src/a.ts", text: "const a = 1;\n", summary: "1 line, 13 B" };

test("the model gets each attachment fenced after the prompt; the transcript keeps them apart", async () => {
  const { clock, providers, options } = setup();
  const session = Session.create(options);
  session.send("explain @src/a.ts", [FILE, { name: "! ls", text: "a.ts\n```\n", summary: "2 lines" }]);
  await runUntil(clock, () => !session.running);
  expect(session.transcript.blocks[0]).toMatchObject({ kind: "user", text: "explain @src/a.ts", attachments: [FILE, { name: "! ls" }] });
  expect(providers[0]!.requests[0]!.history[0]).toEqual({
    role: "user",
    content: "explain @src/a.ts\n\nsrc/a.ts:\n```\nconst a = 1;\n```\n\nOutput of `ls`:\n````\na.ts\n```\n````",
  });
});

test("a resumed session sends the same attachments again", async () => {
  const { clock, providers, options } = setup();
  const session = Session.create(options);
  session.send("explain", [FILE]);
  await runUntil(clock, () => !session.running);
  await session.flush();
  const resumed = Session.resume(options, session.id);
  expect(resumed.transcript.blocks[0]).toMatchObject({ kind: "user", attachments: [FILE] });
  resumed.send("more");
  await runUntil(clock, () => !resumed.running);
  expect(providers.at(-1)!.requests[0]!.history[0]!.content).toContain("const a = 1;");
});

test("a ! block is shown but never sent to the model nor exported", async () => {
  const { clock, providers, options } = setup();
  const session = Session.create(options);
  const t = session.transcript;
  const shell = t.addShell("git status", clock.now());
  t.shellOutput(shell, "clean\n");
  t.shellDone(shell, false, clock.now() + 5);
  expect(shell).toMatchObject({ kind: "tool", name: "!", status: "done", output: "clean\n", local: true });
  session.send("hi");
  await runUntil(clock, () => !session.running);
  expect(providers[0]!.requests[0]!.history).toEqual([{ role: "user", content: "hi" }]);
  expect(t.toMarkdown()).not.toContain("git status");
});
