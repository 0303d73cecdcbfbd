/**
 * The workspace walker (src/workspace/files.ts) as the search tools need it: the files
 * under one folder, judged by every .gitignore from the workspace root down, so a
 * search in `src/` skips what the root's .gitignore leaves out. A folder outside the
 * workspace is walked from itself.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { listFiles } from "../workspace/files.ts";
import { IgnoreRules } from "../workspace/gitignore.ts";
import { isInside } from "./paths.ts";

/** Enough for any repository a model should search whole; past it the tools say so. */
const MAX_WALK = 200_000;

export interface Walked {
  /** Absolute paths. */
  files: string[];
  truncated: boolean;
}

export async function filesUnder(workspace: string, dir: string, signal?: AbortSignal): Promise<Walked> {
  const root = isInside(workspace, dir) ? workspace : dir;
  const prefix = dir === root ? "" : `${dir.slice(root.length + 1)}/`;
  const list = await listFiles(root, { maxFiles: MAX_WALK, signal });
  const files: string[] = [];
  for (const rel of list.files) if (rel.startsWith(prefix)) files.push(join(root, rel));
  return { files, truncated: list.truncated };
}

/** The ignore rules that apply inside `relDir` (relative to `root`, "" for the root), outermost first. */
export function rulesFor(root: string, relDir: string): IgnoreRules[] {
  const rules: IgnoreRules[] = [];
  const load = (file: string, base: string) => {
    try {
      rules.push(new IgnoreRules(base, readFileSync(join(root, file), "utf8")));
    } catch {
      // no such file: nothing to add
    }
  };
  load(".git/info/exclude", "");
  load(".gitignore", "");
  let base = "";
  for (const part of relDir === "" ? [] : relDir.split("/")) {
    base = base ? `${base}/${part}` : part;
    load(`${base}/.gitignore`, base);
  }
  return rules;
}
