import { afterEach, describe, expect, test } from "bun:test";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AgentEvent } from "../../src/provider/events.ts";
import { parseLog } from "../../src/provider/recording.ts";
import { fold, serve, sseResponse, type Served } from "../provider/harness.ts";
import { freshHome, MAIN, petrel, type Home } from "./print-helpers.ts";

const FAST = ["--seed", "4", "--demo-speed", "100000"];
let server: Served | undefined;
afterEach(() => server?.stop());

function onlyLog(home: Home): string {
  const files = readdirSync(home.sessions);
  expect(files.length).toBe(1);
  return join(home.sessions, files[0]!);
}

function logText(path: string): string {
  return parseLog(readFileSync(path, "utf8"))
    .records.flatMap((r) => (r.type === "event" && r.event.type === "text_delta" ? [r.event.text] : []))
    .join("");
}

describe("petrel -p with the demo agent", () => {
  test("piped: the answer's markdown on stdout, reasoning and tools one line each on stderr, saved", async () => {
    const home = freshHome();
    const r = await petrel(home, ["-p", "fix the failing test", ...FAST]);
    expect(r.code).toBe(0);
    expect(r.out).toStartWith("Let me reproduce the failure first.\n\n");
    expect(r.out).toContain("## The fix\n\nThe failing test was right");
    expect(r.out).toContain("```ts\nexport function paginate");
    expect(r.out).not.toContain("\x1b");
    expect(r.out.endsWith("\n")).toBe(true);
    expect(r.err.split("\n").filter(Boolean)).toEqual([
      "✻ Thought for 0s",
      '⏺ run_command {"command":"bun test tests/paginate.test.ts"} ✓',
      '⏺ read_file {"path":"src/paginate.ts"} ✓',
      "✻ Thought for 0s",
      '⏺ apply_patch {"path":"src/paginate.ts","patch":"@@ -7,5 +7,5 @@ ... (see result)"} ✓',
      '⏺ run_command {"command":"bun test"} ✓',
    ]);
    const log = onlyLog(home);
    expect(statSync(log).mode & 0o777).toBe(0o600);
    // stdout is the logged answer, its parts separated by blank lines.
    expect(r.out.replaceAll("\n", "")).toBe(logText(log).replaceAll("\n", ""));
  });

  test("--json: a session line, then every event as one JSON line", async () => {
    const home = freshHome();
    const r = await petrel(home, ["-p", "--json", "explain backpressure", ...FAST]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: "session", name: "demo", model: "petrel-demo" });
    expect(onlyLog(home)).toEndWith(`${lines[0].id}.jsonl`);
    const events = lines.slice(1) as AgentEvent[];
    const folded = fold(events);
    expect(folded.reasoning.length).toBeGreaterThan(50);
    expect(folded.toolCalls.map((c) => c.name)).toEqual(["search"]);
    expect(folded.text).toStartWith("# Backpressure, briefly");
    expect(folded.finishReason).toBe("stop");
    expect(r.err).toBe("");
  });

  test("the prompt can come on standard input, after an argument too", async () => {
    const home = freshHome();
    const r = await petrel(home, ["-p", "--json", ...FAST], "hello there\n");
    expect(r.code).toBe(0);
    expect(fold(r.out.trimEnd().split("\n").slice(1).map((l) => JSON.parse(l))).text).toContain("demo agent");
    const both = await petrel(home, ["-p", "--json", "summarize:", ...FAST], "some log text");
    const prompts = readdirSync(home.sessions).flatMap((f) =>
      parseLog(readFileSync(join(home.sessions, f), "utf8")).records.flatMap((x) => (x.type === "user" ? [x.text] : [])),
    );
    expect(both.code).toBe(0);
    expect(prompts).toContain("summarize:\n\nsome log text");
  });

  test("usage mistakes exit 2 with one line", async () => {
    const home = freshHome();
    for (const [args, message] of [
      [["-p"], "petrel: -p needs a prompt, as an argument or on standard input\n"],
      [["--json"], "petrel: --json goes with -p (print mode)\n"],
      [["-p", "x", "--demo-speed", "fast"], 'petrel: --demo-speed needs a positive number, got "fast"\n'],
      [["-p", "x", "--color", "sometimes"], 'petrel: --color takes auto, always or never, got "sometimes"\n'],
      [["--resume", "nosuch", "-p", "y"], `petrel: no session "nosuch" in ${home.sessions} (see petrel sessions)\n`],
      [["--resume", "-p", "y"], `petrel: no saved sessions in ${home.sessions}\n`],
      [["-p", "x", "--replay", join(home.dir, "missing.jsonl")], `petrel: --replay ${join(home.dir, "missing.jsonl")}: no such file\n`],
    ] as const) {
      const r = await petrel(home, [...args]);
      expect({ args, code: r.code, err: r.err }).toEqual({ args, code: 2, err: message });
    }
  });

  test("a bad config file: exit 2 naming the file and line", async () => {
    const home = freshHome();
    mkdirSync(join(home.env.XDG_CONFIG_HOME!, "petrel"), { recursive: true });
    const file = join(home.env.XDG_CONFIG_HOME!, "petrel", "config.toml");
    writeFileSync(file, `provider = "openai"\n[openai]\nmodel = gpt-4o\n`);
    const r = await petrel(home, ["-p", "hi"]);
    expect(r).toEqual({ code: 2, out: "", err: `petrel: ${file}, line 3: strings must be quoted: "gpt-4o"\n` });
  });
});

const KEY = "sk-test-SUPERSECRETKEY123456";

function openAiServer(): Served {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  return serve((req) => {
    if (req.headers.get("authorization") !== `Bearer ${KEY}`)
      return new Response(JSON.stringify({ error: { message: `Incorrect API key provided: ${req.headers.get("authorization")}` } }), { status: 401 });
    return sseResponse(
      chunk({ reasoning_content: "thinking" }) +
        chunk({ content: "Hello from " }) +
        chunk({ content: "the server." }) +
        chunk({ tool_calls: [{ index: 0, id: "c1", function: { name: "lookup", arguments: '{"q":1}' } }] }) +
        chunk({}, "tool_calls") +
        `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } })}\n\ndata: [DONE]\n\n`,
      { chunk: 17 },
    );
  });
}

describe("petrel -p against an OpenAI-compatible server", () => {
  test("streams the answer; the key is in no log, output or error", async () => {
    server = openAiServer();
    const home = freshHome({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${server.url}/v1`, PETREL_MODEL: "local-model" });
    const r = await petrel(home, ["-p", "say hello"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("Hello from the server.\n");
    expect(r.err).toContain('⏺ lookup {"q":1} ✗ not run: petrel does not execute tools itself');
    expect(server.requests[0]!.body).toMatchObject({ model: "local-model", messages: [{ role: "user", content: "say hello" }] });
    const log = readFileSync(onlyLog(home), "utf8");
    expect(log).toContain('"provider":"openai","model":"local-model"');
    for (const text of [log, r.out, r.err]) expect(text).not.toContain("SUPERSECRET");

    // --resume continues that conversation: the history goes back to the server.
    const again = await petrel(home, ["--resume", "-p", "and again"]);
    expect(again.code).toBe(0);
    expect((server.requests[1]!.body as { messages: unknown[] }).messages).toEqual([
      { role: "user", content: "say hello" },
      {
        role: "assistant",
        content: "Hello from the server.",
        tool_calls: [{ id: "c1", type: "function", function: { name: "lookup", arguments: '{"q":1}' } }],
      },
      { role: "tool", tool_call_id: "c1", content: "not run: petrel does not execute tools itself" },
      { role: "user", content: "and again" },
    ]);
    expect(readdirSync(home.sessions).length).toBe(1);
  });

  test("a rejected key exits 1 with 'check your API key', never echoing it", async () => {
    server = openAiServer();
    const wrong = "sk-wrong-ANOTHERSECRET999";
    const home = freshHome({ OPENAI_API_KEY: wrong, OPENAI_BASE_URL: `${server.url}/v1` });
    const r = await petrel(home, ["-p", "hi"]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toBe(
      `petrel: the server at ${new URL(server.url).host} refused the request (401): check your API key (OPENAI_API_KEY or api_key under [openai] in config.toml)\n`,
    );
    expect(readFileSync(onlyLog(home), "utf8")).not.toContain("ANOTHERSECRET");
  });

  test("connection refused exits 1 with the reason", async () => {
    const home = freshHome();
    const r = await petrel(home, ["-p", "hi", "--provider", "openai", "--base-url", "http://127.0.0.1:9/v1", "--timeout", "2"]);
    expect(r.code).toBe(1);
    expect(r.err).toBe("petrel: could not connect to the server at 127.0.0.1:9: connection refused\n");
  });

  test("--json carries the error event and still exits 1", async () => {
    const home = freshHome();
    const r = await petrel(home, ["-p", "--json", "hi", "--provider", "anthropic", "--base-url", "http://127.0.0.1:9"]);
    expect(r.code).toBe(1);
    const events = r.out.trimEnd().split("\n").slice(1).map((l) => JSON.parse(l));
    expect(events.map((e) => e.type)).toEqual(["turn_start", "error", "turn_end"]);
    expect(r.err).toContain("petrel: could not connect");
  });
});

describe("replay", () => {
  test("--replay plays a saved session's answer again", async () => {
    const home = freshHome();
    const first = await petrel(home, ["-p", "dockerize it", ...FAST]);
    const log = onlyLog(home);
    const again = await petrel(home, ["-p", "anything", "--replay", log, "--speed", "inf"]);
    expect(again.code).toBe(0);
    expect(again.out).toBe(first.out);
  });
});

describe("rendered output", () => {
  test("--color always renders into a pipe: final rows equal a whole render; progress lines dim between parts", async () => {
    const { renderMarkdown } = await import("../../src/render/markdown.ts");
    const { rowsToAnsi } = await import("../../src/render/ansi.ts");
    const { darkTheme } = await import("../../src/render/theme.ts");
    const home = freshHome();
    const json = await petrel(home, ["-p", "--json", "fix the bug", ...FAST]);
    const events = json.out.trimEnd().split("\n").slice(1).map((l) => JSON.parse(l) as AgentEvent);
    // The answer's parts, as the transcript splits them around tool calls.
    const parts: string[] = [];
    let open = false;
    for (const e of events) {
      if (e.type === "text_delta") {
        if (!open) parts.push("");
        parts[parts.length - 1] += e.text;
        open = true;
      } else if (e.type === "reasoning_delta" || e.type === "tool_call_start") open = false;
    }
    expect(parts.length).toBe(3);

    for (const args of [["--color", "always"], []]) {
      const env: Record<string, string> = args.length === 0 ? { FORCE_COLOR: "1" } : {};
      const r = await petrel({ ...home, env: { ...home.env, ...env } }, ["-p", "fix the bug", ...FAST, ...args]);
      expect(r.code).toBe(0);
      for (const part of parts) {
        const rendered = rowsToAnsi(renderMarkdown(part, 80, darkTheme), { color: true, hyperlinks: false, width: 80 });
        expect(r.out).toContain(rendered);
      }
      expect(r.out).toContain("\x1b[2m⏺ run_command");
      expect(r.out).toContain("\x1b[2m✻ Thought for");
      expect(r.out).not.toContain("```");
      expect(r.err).toBe("");
    }
  });

  test("--color never on the same prompt prints raw markdown", async () => {
    const home = freshHome({ FORCE_COLOR: "1" });
    const r = await petrel(home, ["-p", "fix the bug", ...FAST, "--color", "never"]);
    expect(r.out).toContain("```ts");
    expect(r.out).not.toContain("\x1b");
  });
});

test("a reader that stops early (| head) ends the run quietly with exit 0", async () => {
  const home = freshHome();
  const proc = Bun.spawn([process.execPath, MAIN, "-p", "stress", "--seed", "1", "--demo-speed", "50000"], {
    env: home.env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const reader = proc.stdout.getReader();
  await reader.read();
  await reader.cancel();
  const [code, err] = await Promise.all([proc.exited, new Response(proc.stderr).text()]);
  expect(code).toBe(0);
  expect(err).not.toContain("EPIPE");
  const log = readFileSync(onlyLog(home), "utf8");
  expect(log).toContain('"finishReason":"cancelled"');
});
