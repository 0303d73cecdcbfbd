/**
 * What a Claude Code or Codex user reaches for next, on the test renderer: "@" files,
 * "!" commands, Tab paths, the /model and /sessions pickers, context and cost in the
 * status line, Ctrl+O under the pointer and Alt+O for all.
 */
import { afterEach, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { modelFigures } from "../../src/config/model-figures.ts";
import { parseConfig } from "../../src/config/file.ts";
import { SessionStore } from "../../src/session/store.ts";
import type { ChatServices } from "../../src/view/services.ts";
import { listModels } from "../../src/provider/models.ts";
import { serve, type Served } from "../provider/harness.ts";
import { open, type Screen } from "./chat-harness.ts";

let server: Served | undefined;
afterEach(() => {
  server?.stop();
  server = undefined;
});

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), "petrel-ws-"));
  mkdirSync(join(root, "src/lib"), { recursive: true });
  mkdirSync(join(root, "node_modules/pkg"), { recursive: true });
  writeFileSync(join(root, ".gitignore"), "node_modules/\n");
  writeFileSync(join(root, "README.md"), "# hello\n");
  writeFileSync(join(root, "src/main.ts"), "export const main = 1;\n");
  writeFileSync(join(root, "src/lib/util.ts"), "export const util = 2;\n");
  writeFileSync(join(root, "node_modules/pkg/index.js"), "ignored\n");
  return root;
}

function services(over: Partial<ChatServices> = {}): ChatServices {
  return { cwd: workspace(), listModels: async () => [], sessions: null, figures: modelFigures({}, ""), ...over };
}

/** Lets file reads, child processes and fetches finish, painting in between. */
async function settle(t: Screen, until: () => boolean, what: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const screen = await t.step(10);
    if (until()) return screen;
    await Bun.sleep(5);
  }
  throw new Error(`timed out waiting for ${what}:\n${t.setup.captureCharFrame()}`);
}

test("@ opens a gitignore-aware fuzzy file picker; Tab puts the path in; the file is attached and shown", async () => {
  const t = await open(80, 24, { services: services() });
  await t.setup.mockInput.typeText("explain @mai");
  let screen = await settle(t, () => t.setup.captureCharFrame().includes("src/main.ts"), "the file list");
  expect(screen).toContain("Attach a file");
  expect(screen).not.toContain("node_modules");
  t.setup.mockInput.pressTab();
  await t.step();
  expect(t.screen.composer.text).toBe("explain @src/main.ts ");
  await t.setup.mockInput.typeText("please");
  t.setup.mockInput.pressEnter();
  await settle(t, () => t.provider.requests.length === 1, "the prompt");
  screen = await t.step();
  expect(screen).toContain("› explain @src/main.ts please");
  expect(screen).toMatch(/\+ src\/main\.ts\s+1 line, 23 B/);
  expect(t.provider.requests[0]!.history[0]!.content).toBe("explain @src/main.ts please\n\nsrc/main.ts:\n```\nexport const main = 1;\n```");
});

test("@ lists folders too; Esc closes the picker and keeps the text; an @word naming nothing stays text", async () => {
  const t = await open(80, 24, { services: services() });
  await t.setup.mockInput.typeText("@lib");
  let screen = await settle(t, () => t.setup.captureCharFrame().includes("src/lib/"), "the folder");
  t.setup.mockInput.pressEscape();
  screen = await t.step(100);
  expect(screen).not.toContain("Attach a file");
  expect(t.screen.composer.text).toBe("@lib");
  await t.setup.mockInput.typeText(" thanks @bob");
  t.setup.mockInput.pressEnter();
  await settle(t, () => t.provider.requests.length === 1, "the prompt");
  expect(t.provider.requests[0]!.history[0]!.content).toBe("@lib thanks @bob");
});

test("Tab completes a path in the composer like a shell", async () => {
  const t = await open(80, 24, { services: services() });
  await t.setup.mockInput.typeText("look at sr");
  t.setup.mockInput.pressTab();
  await settle(t, () => t.screen.composer.text === "look at src/", "completion");
  await t.setup.mockInput.typeText("ma");
  t.setup.mockInput.pressTab();
  await settle(t, () => t.screen.composer.text === "look at src/main.ts", "completion");
});

test("! runs a shell command and shows its output, not sent to the model; @! attaches it", async () => {
  const t = await open(80, 24, { services: services() });
  await t.setup.mockInput.typeText("!echo hello from sh && ls src");
  t.setup.mockInput.pressEnter();
  let screen = await settle(t, () => t.setup.captureCharFrame().includes("✓ !"), "the command");
  expect(screen).toContain("echo hello from sh && ls src");
  expect(screen).toContain("hello from sh");
  expect(screen).toContain("not sent to the model");
  expect(t.provider.requests.length).toBe(0);
  await t.setup.mockInput.typeText("what does @! say?");
  t.setup.mockInput.pressEnter();
  await settle(t, () => t.provider.requests.length === 1, "the prompt");
  screen = await t.step();
  expect(screen).toMatch(/\+ ! echo hello from sh && ls src\s+output, 3 lines/);
  expect(t.provider.requests[0]!.history).toEqual([
    { role: "user", content: "what does @! say?\n\nOutput of `echo hello from sh && ls src`:\n```\nhello from sh\nlib\nmain.ts\n```" },
  ]);
});

test("a failing ! command shows its exit code; Esc stops a long one", async () => {
  const t = await open(80, 24, { services: services() });
  await t.setup.mockInput.typeText("!echo oops >&2; exit 4");
  t.setup.mockInput.pressEnter();
  let screen = await settle(t, () => t.setup.captureCharFrame().includes("✗ !"), "the failure");
  expect(screen).toContain("oops");
  expect(screen).toContain("(exit code 4)");
  await t.setup.mockInput.typeText("!sleep 30");
  t.setup.mockInput.pressEnter();
  await t.step();
  t.setup.mockInput.pressEscape();
  screen = await settle(t, () => t.setup.captureCharFrame().includes("(cancelled)"), "the cancel");
});

test("/model lists the server's models (GET /v1/models on a local server) in a picker; the choice sticks", async () => {
  server = serve(() => Response.json({ data: [{ id: "qwen3:8b" }, { id: "llama3.2" }, { id: "test-model" }] }));
  const url = `${server.url}/v1`;
  const t = await open(80, 24, { services: services({ listModels: (signal) => listModels({ name: "openai", baseUrl: url, model: "x" }, signal) }) });
  await t.setup.mockInput.typeText("/model");
  t.setup.mockInput.pressEnter();
  let screen = await settle(t, () => t.setup.captureCharFrame().includes("qwen3:8b"), "the model list");
  expect(server.requests[0]!.path).toBe("/v1/models");
  expect(screen).toContain("Models of scripted (3)");
  expect(screen).toMatch(/› test-model\s+current/);
  await t.setup.mockInput.typeText("qwen");
  t.setup.mockInput.pressEnter();
  screen = await t.step();
  expect(t.session.provider.model).toBe("qwen3:8b");
  expect(screen).toContain("Model: qwen3:8b");
  expect(screen).toContain("scripted · qwen3:8b");
});

test("/model: a server that cannot list models says why, and the picker still offers the current one", async () => {
  server = serve(() => new Response("no", { status: 401 }));
  const url = server.url;
  const t = await open(100, 24, { services: services({ listModels: (signal) => listModels({ name: "openai", baseUrl: url, model: "x" }, signal) }) });
  await t.setup.mockInput.typeText("/model");
  t.setup.mockInput.pressEnter();
  const screen = await settle(t, () => t.setup.captureCharFrame().includes("refused"), "the error");
  expect(screen).toContain("check the API key");
  expect(screen).toContain("› test-model");
  t.setup.mockInput.pressEscape();
  await t.step(100);
  expect(t.screen.modals.active).toBeNull();
});

test("/sessions picks a saved session inside the chat, with its model, and the one left stays saved", async () => {
  const store = new SessionStore(join(mkdtempSync(join(tmpdir(), "petrel-sessions-")), "sessions"));
  const t = await open(100, 24, { services: services({ sessions: store }), store });
  await t.setup.mockInput.typeText("first conversation");
  t.setup.mockInput.pressEnter();
  await t.step();
  t.provider.emit({ type: "text_delta", text: "Answer one." }, { type: "turn_end", finishReason: "stop" });
  await t.step();
  t.session.setModel("other-model");
  await t.session.flush();
  const firstId = t.session.id;
  await t.setup.mockInput.typeText("/new");
  t.setup.mockInput.pressEnter();
  await t.step();
  await t.setup.mockInput.typeText("second one");
  t.setup.mockInput.pressEnter();
  await t.step();
  t.provider.emit({ type: "turn_end", finishReason: "stop" });
  await t.step();
  await t.session.flush();
  t.session.setModel("test-model");
  await t.setup.mockInput.typeText("/resume");
  t.setup.mockInput.pressEnter();
  let screen = await t.step();
  expect(screen).toContain("Sessions (2)");
  expect(screen).toContain("first conversation");
  expect(screen).toContain("second one");
  await t.setup.mockInput.typeText("first");
  t.setup.mockInput.pressEnter();
  screen = await t.step();
  expect(t.session.id).toBe(firstId);
  expect(screen).toContain("› first conversation");
  expect(screen).toContain("Answer one.");
  expect(screen).not.toContain("second one");
  expect(t.session.provider.model).toBe("other-model");
  expect(store.list().length).toBe(2);
});

test("the status line shows the context used of the model's window and the turn's cost when prices are set", async () => {
  const figures = modelFigures(parseConfig("context_window = 8000\ninput_price = 3\noutput_price = 15\n", "/x/config.toml"), "scripted");
  const t = await open(100, 24, { services: services({ figures }) });
  await t.setup.mockInput.typeText("hi");
  t.setup.mockInput.pressEnter();
  await t.step();
  t.provider.emit({ type: "usage", usage: { inputTokens: 1_900, outputTokens: 100 } }, { type: "turn_end", finishReason: "stop" });
  const screen = await t.step();
  const status = screen.split("\n").findLast((l) => l.trim() !== "")!;
  expect(status).toContain("ctx 2k/8k 25%");
  expect(status).toContain("$0.0072 turn · $0.0072 total");
});

test("Ctrl+O toggles the block under the mouse pointer; Alt+O expands and collapses all", async () => {
  const t = await open(80, 30);
  await t.setup.mockInput.typeText("go");
  t.setup.mockInput.pressEnter();
  await t.step();
  const output = (n: string) => Array.from({ length: 8 }, (_, i) => `${n} line ${i}`).join("\n");
  t.provider.emit(
    { type: "tool_call_start", id: "a", name: "first_tool" },
    { type: "tool_call_end", id: "a", args: {} },
    { type: "tool_result", id: "a", output: output("alpha") },
    { type: "tool_call_start", id: "b", name: "second_tool" },
    { type: "tool_call_end", id: "b", args: {} },
    { type: "tool_result", id: "b", output: output("beta") },
    { type: "turn_end", finishReason: "stop" },
  );
  let screen = await t.step();
  expect(screen).not.toContain("alpha line 7");
  const row = screen.split("\n").findIndex((l) => l.includes("first_tool"));
  await t.setup.mockMouse.moveTo(10, row);
  t.setup.mockInput.pressKey("o", { ctrl: true });
  screen = await t.step();
  expect(screen).toContain("alpha line 7");
  expect(screen).not.toContain("beta line 7");
  t.setup.mockInput.pressKey("o", { meta: true });
  screen = await t.step();
  expect(screen).toContain("alpha line 7");
  expect(screen).toContain("beta line 7");
  t.setup.mockInput.pressKey("o", { meta: true });
  screen = await t.step();
  expect(screen).not.toContain("alpha line 7");
  expect(screen).not.toContain("beta line 7");
});
