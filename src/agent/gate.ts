/**
 * The permission gate: every tool call passes it before it runs. In order: a deny rule
 * refuses; read-only mode refuses anything that is not a read; an ask rule asks; an
 * earlier "Yes for this session" allows; a call that reaches outside the workspace asks
 * (in every mode, whatever the allow rules say); an allow rule allows; then the mode
 * decides. What asks goes to the PermissionPrompter (the dialog, or -p's refusal), and
 * every decision says who made it.
 */
import { dirname, relative } from "node:path";
import type { PermissionKind, ToolSpec, ToolSubject } from "../tools/tool.ts";
import { isInside } from "../tools/paths.ts";
import type { PermissionDecision, PermissionMode, PermissionOption, PermissionPrompter, PermissionRequest } from "./permission.ts";
import { coversTool, matchesCommand, matchesPath, parseRule, type PermissionRule } from "./rules.ts";
import { commandPrefix, simpleCommands, type SimpleCommand } from "./shell-commands.ts";

export interface PermissionRules {
  allow?: readonly string[];
  deny?: readonly string[];
  ask?: readonly string[];
}

export interface GateCall {
  callId: string;
  tool: Pick<ToolSpec, "name" | "kind">;
  args: unknown;
  subject: ToolSubject;
  /** An ACP agent's own answers; absent: the built-in three. */
  options?: PermissionOption[];
}

export interface GateOptions {
  /** Absolute and symlink-resolved. */
  workspace: string;
  mode?: PermissionMode;
  rules?: PermissionRules;
  prompter: PermissionPrompter;
}

/** What one "Yes for this session" allows from then on. */
type Grant =
  | { type: "commands"; prefixes: string[][] }
  | { type: "folders"; kind: PermissionKind; folders: string[] }
  | { type: "tool"; name: string };

interface Scope {
  grant: Grant;
  text: string;
}

export class PermissionGate {
  mode: PermissionMode;
  private readonly workspace: string;
  private readonly prompter: PermissionPrompter;
  private readonly allowRules: PermissionRule[];
  private readonly denyRules: PermissionRule[];
  private readonly askRules: PermissionRule[];
  private readonly grants: Grant[] = [];

  /** Throws RuleError for a malformed rule. */
  constructor(options: GateOptions) {
    this.workspace = options.workspace;
    this.mode = options.mode ?? "default";
    this.prompter = options.prompter;
    this.allowRules = (options.rules?.allow ?? []).map(parseRule);
    this.denyRules = (options.rules?.deny ?? []).map(parseRule);
    this.askRules = (options.rules?.ask ?? []).map(parseRule);
  }

  /** `--allow RULE`: allowed for this run. Throws RuleError when malformed. */
  allow(rule: string): void {
    this.allowRules.push(parseRule(rule));
  }

  async decide(call: GateCall, signal: AbortSignal): Promise<PermissionDecision> {
    const units = this.unitsOf(call);
    const denied = this.denyRules.find((rule) => this.touches(rule, call, units));
    if (denied) return { allow: false, by: "rule", rule: denied.text, reason: `denied by the permission rule ${denied.text}` };
    const { kind } = call.tool;
    if (kind === "think") return { allow: true, by: "mode" }; // touches nothing outside the conversation
    if (this.mode === "read-only" && kind !== "read")
      return { allow: false, by: "mode", reason: "petrel is in read-only mode: only read, ls, glob, grep and todo run (the user can change the mode with Shift+Tab)" };
    const asked = this.askRules.find((rule) => this.touches(rule, call, units));
    if (asked) return this.ask(call, units, undefined, signal); // no session answer: the rule wants a question every time
    if (this.grants.some((grant) => this.grantCovers(grant, call, units))) return { allow: true, by: "session" };
    const outside = this.outside(call);
    if (outside) return this.ask(call, units, this.scopeOf(call, units), signal);
    const allowed = this.allowedByRules(call, units);
    if (allowed) return { allow: true, by: "rule", rule: allowed };
    if (this.modeAllows(kind)) return { allow: true, by: "mode" };
    return this.ask(call, units, this.scopeOf(call, units), signal);
  }

  /** The request the dialog would show for this call, also for an ACP agent's own requests. */
  request(call: GateCall): PermissionRequest {
    const units = this.unitsOf(call);
    return this.buildRequest(call, this.scopeOf(call, units));
  }

  private modeAllows(kind: PermissionKind): boolean {
    if (this.mode === "yolo") return true;
    if (kind === "read") return true;
    return this.mode === "accept-edits" && kind === "edit";
  }

  private async ask(call: GateCall, units: Units, scope: Scope | undefined, signal: AbortSignal): Promise<PermissionDecision> {
    const request = this.buildRequest(call, scope);
    const decision = await this.prompter.ask(request, signal);
    if (decision.allow && decision.remember) this.grants.push((scope ?? this.scopeOf(call, units)).grant);
    return decision;
  }

  private buildRequest(call: GateCall, scope: Scope | undefined): PermissionRequest {
    const request: PermissionRequest = {
      callId: call.callId,
      tool: call.tool.name,
      kind: call.tool.kind,
      args: call.args,
      subject: call.subject,
      outsideWorkspace: this.outside(call),
    };
    if (call.options) request.options = call.options;
    if (scope) request.sessionScope = scope.text;
    return request;
  }

  private outside(call: GateCall): boolean {
    const { paths, cwd } = call.subject;
    return (paths ?? []).some((path) => !isInside(this.workspace, path)) || (cwd !== undefined && !isInside(this.workspace, cwd));
  }

  private unitsOf(call: GateCall): Units {
    if (call.subject.command !== undefined) return { commands: simpleCommands(call.subject.command), paths: [] };
    return { paths: call.subject.paths ?? [] };
  }

  /** A rule that says anything about this call: about the tool, and about any one of its commands or paths. */
  private touches(rule: PermissionRule, call: GateCall, units: Units): boolean {
    if (!coversTool(rule, call.tool)) return false;
    if (rule.spec === undefined) return true;
    if (units.commands) return units.commands.some((command) => matchesCommand(rule, command));
    return units.paths.some((path) => matchesPath(rule, path, this.workspace));
  }

  /** Allowed when one rule covers the whole tool, or every command (every path) is covered by some rule. */
  private allowedByRules(call: GateCall, units: Units): string | undefined {
    const rules = this.allowRules.filter((rule) => coversTool(rule, call.tool));
    const whole = rules.find((rule) => rule.spec === undefined);
    if (whole) return whole.text;
    const used = new Set<string>();
    const every = <T>(items: readonly T[], matches: (rule: PermissionRule, item: T) => boolean) =>
      items.length > 0 &&
      items.every((item) => {
        const rule = rules.find((r) => matches(r, item));
        if (rule) used.add(rule.text);
        return rule !== undefined;
      });
    const ok = units.commands
      ? every(units.commands, matchesCommand)
      : every(units.paths, (rule, path) => matchesPath(rule, path, this.workspace));
    return ok ? [...used].join(", ") : undefined;
  }

  private grantCovers(grant: Grant, call: GateCall, units: Units): boolean {
    if (grant.type === "tool") return grant.name === call.tool.name;
    if (grant.type === "commands")
      return (
        units.commands !== undefined &&
        units.commands.length > 0 &&
        units.commands.every((command) => grant.prefixes.some((prefix) => startsWithWords(command, prefix)))
      );
    return (
      grant.kind === call.tool.kind &&
      units.commands === undefined &&
      units.paths.length > 0 &&
      units.paths.every((path) => grant.folders.some((folder) => isInside(folder, path)))
    );
  }

  private scopeOf(call: GateCall, units: Units): Scope {
    if (units.commands && units.commands.length > 0) {
      const prefixes = unique(units.commands.map((command) => commandPrefix(command.words)));
      return { grant: { type: "commands", prefixes: prefixes.map((p) => p.split(" ")) }, text: `${call.tool.name}: ${prefixes.join(", ")}` };
    }
    if (units.paths.length > 0 && (call.tool.kind === "edit" || call.tool.kind === "read")) {
      // a file's folder; a folder (ls, grep, glob) itself
      const folders = unique(units.paths.map((path) => (isFolderCall(call) ? path : dirname(path))));
      const shown = folders.map((folder) => (isInside(this.workspace, folder) ? `${relative(this.workspace, folder) || "."}/` : `${folder}/`));
      const verb = call.tool.kind === "edit" ? "edits" : "reads";
      return { grant: { type: "folders", kind: call.tool.kind, folders }, text: `${verb} in ${shown.join(", ")}` };
    }
    return { grant: { type: "tool", name: call.tool.name }, text: `every ${call.tool.name} call` };
  }
}

interface Units {
  /** Set for a shell command (an execute call); its simple commands. */
  commands?: SimpleCommand[];
  paths: string[];
}

const FOLDER_TOOLS = new Set(["ls", "glob", "grep"]);

function isFolderCall(call: GateCall): boolean {
  return FOLDER_TOOLS.has(call.tool.name);
}

function startsWithWords(command: SimpleCommand, prefix: readonly string[]): boolean {
  return prefix.length > 0 && prefix.every((word, i) => command.words[i] === word);
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
