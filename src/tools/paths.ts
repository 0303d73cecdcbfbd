/**
 * Where a path a model names really is. Every check and every read or write uses the
 * resolved path, so a `../` or a symlink (even a dangling one, whose target a write
 * would create) cannot make a call look inside the workspace while it acts outside.
 */
import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

export interface ResolvedPath {
  /** Absolute, symlinks resolved. */
  abs: string;
  /** Relative to the workspace ("." for the root), or absolute when outside. */
  display: string;
  inside: boolean;
}

const MAX_LINK_HOPS = 40;

export function resolvePath(workspace: string, input: string): ResolvedPath {
  const expanded = input === "~" ? homedir() : input.startsWith("~/") ? join(homedir(), input.slice(2)) : input;
  const abs = realpathLoose(isAbsolute(expanded) ? resolve(expanded) : resolve(workspace, expanded), 0);
  const inside = isInside(workspace, abs);
  return { abs, display: inside ? relative(workspace, abs) || "." : abs, inside };
}

export function isInside(workspace: string, abs: string): boolean {
  return abs === workspace || abs.startsWith(workspace.endsWith(sep) ? workspace : workspace + sep);
}

/** The workspace root as every check compares against it: absolute and symlink-resolved. */
export function workspaceRoot(dir: string): string {
  return realpathSync(resolve(dir));
}

/** realpath for paths that may not exist yet: the existing part resolved, dangling links followed. */
function realpathLoose(path: string, hops: number): string {
  try {
    return realpathSync(path);
  } catch {
    // fall through: some part does not exist
  }
  const parent = dirname(path);
  if (parent === path) return path;
  const candidate = join(realpathLoose(parent, hops), basename(path));
  try {
    if (lstatSync(candidate).isSymbolicLink() && hops < MAX_LINK_HOPS)
      return realpathLoose(resolve(dirname(candidate), readlinkSync(candidate)), hops + 1);
  } catch {
    // does not exist at all: the path is where it would be created
  }
  return candidate;
}
