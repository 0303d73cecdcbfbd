/**
 * Permission rules as written in config.toml and `--allow`: `bash(git status*)`,
 * `edit(src/**)`, `read`, `mcp__github__*`. The name is a tool (a glob over tool names;
 * `read` also covers the built-in ls, glob and grep, `edit` also covers write); the part
 * in parentheses is matched against each simple command of a bash call (`*` matches
 * anything, a trailing `:*` means "this command, with any arguments") or against each
 * path of a file call (a glob, relative to the workspace unless absolute).
 */
import { homedir } from "node:os";
import { isAbsolute, join, relative } from "node:path";
import type { PermissionKind } from "../tools/tool.ts";
import { isInside } from "../tools/paths.ts";
import type { SimpleCommand } from "./shell-commands.ts";

export class RuleError extends Error {
  override name = "RuleError";
}

export interface PermissionRule {
  /** As written, for the log and the messages. */
  text: string;
  /** Lowercased; may hold `*`. */
  tool: string;
  /** Absent or "*": the whole tool. */
  spec?: string;
}

const RULE = /^([A-Za-z0-9_*-]+)(?:\((.*)\))?$/s;

export function parseRule(text: string): PermissionRule {
  const match = RULE.exec(text.trim());
  if (!match) throw new RuleError(`"${text}" is not a permission rule; write TOOL or TOOL(PATTERN), e.g. "bash(git status*)" or "edit(src/**)"`);
  const spec = match[2]?.trim();
  if (spec === "") throw new RuleError(`"${text}": the pattern in parentheses is empty (leave out the parentheses to match every call)`);
  return { text: text.trim(), tool: match[1]!.toLowerCase(), spec: spec === "*" ? undefined : spec };
}

interface ToolLike {
  name: string;
  kind: PermissionKind;
}

const BUILTIN_READERS = new Set(["read", "ls", "glob", "grep"]);
const BUILTIN_EDITORS = new Set(["edit", "write"]);

export function coversTool(rule: PermissionRule, tool: ToolLike): boolean {
  const name = tool.name.toLowerCase();
  if (rule.tool === "read" && BUILTIN_READERS.has(name)) return true;
  if (rule.tool === "edit" && BUILTIN_EDITORS.has(name)) return true;
  return rule.tool.includes("*") ? new Bun.Glob(rule.tool).match(name) : rule.tool === name;
}

export function matchesCommand(rule: PermissionRule, command: SimpleCommand): boolean {
  if (rule.spec === undefined) return true;
  if (rule.spec.endsWith(":*")) {
    const prefix = rule.spec.slice(0, -2).trim();
    return command.text === prefix || command.text.startsWith(`${prefix} `);
  }
  return wildcard(rule.spec).test(command.text);
}

export function matchesPath(rule: PermissionRule, abs: string, workspace: string): boolean {
  if (rule.spec === undefined) return true;
  const spec = rule.spec.startsWith("~/") ? join(homedir(), rule.spec.slice(2)) : rule.spec;
  const glob = new Bun.Glob(spec);
  if (isAbsolute(spec)) return glob.match(abs);
  return isInside(workspace, abs) && glob.match(relative(workspace, abs) || ".");
}

const wildcards = new Map<string, RegExp>();

function wildcard(spec: string): RegExp {
  let regex = wildcards.get(spec);
  if (!regex) {
    regex = new RegExp(`^${spec.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "s");
    wildcards.set(spec, regex);
  }
  return regex;
}
