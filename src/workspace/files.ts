/**
 * The files of a workspace as a user means them: everything under the root except
 * `.git` and what the .gitignore files (at every level, plus .git/info/exclude) leave
 * out. Paths come back relative to the root with "/" separators, sorted. The walk is
 * asynchronous and capped, so a huge folder neither blocks a frame nor fills memory.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { IgnoreRules } from "./gitignore.ts";

export interface WalkOptions {
  /** Stop after this many files (default 20,000); `truncated` then says so. */
  maxFiles?: number;
  signal?: AbortSignal;
}

export interface FileList {
  files: string[];
  truncated: boolean;
}

const DEFAULT_MAX_FILES = 20_000;

export async function listFiles(root: string, options: WalkOptions = {}): Promise<FileList> {
  const max = options.maxFiles ?? DEFAULT_MAX_FILES;
  const files: string[] = [];
  const rootRules = [await rulesIn(root, ".git/info/exclude", ""), await rulesIn(root, ".gitignore", "")].filter(
    (r): r is IgnoreRules => r !== null,
  );
  let truncated = false;
  // breadth first, so a cap keeps the shallow files a user is most likely to mean
  const queue: { rel: string; rules: IgnoreRules[] }[] = [{ rel: "", rules: rootRules }];
  while (queue.length > 0 && !truncated) {
    if (options.signal?.aborted) break;
    const { rel, rules } = queue.shift()!;
    let entries;
    try {
      entries = await readdir(join(root, rel), { withFileTypes: true });
    } catch {
      continue; // unreadable or vanished: leave it out
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
      const isDir = entry.isDirectory();
      if (isDir && entry.name === ".git") continue;
      if (ignored(rules, path, isDir)) continue;
      if (isDir) {
        const own = await rulesIn(root, `${path}/.gitignore`, path);
        queue.push({ rel: path, rules: own ? [...rules, own] : rules });
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        if (files.length >= max) {
          truncated = true;
          break;
        }
        files.push(path);
      }
    }
  }
  files.sort();
  return { files, truncated };
}

/** The deepest rules that say anything decide (a subfolder's .gitignore overrides the root's). */
export function ignored(rules: readonly IgnoreRules[], path: string, isDir: boolean): boolean {
  for (let i = rules.length - 1; i >= 0; i--) {
    const verdict = rules[i]!.decide(path, isDir);
    if (verdict !== undefined) return verdict;
  }
  return false;
}

async function rulesIn(root: string, file: string, base: string): Promise<IgnoreRules | null> {
  try {
    return new IgnoreRules(base, await readFile(join(root, file), "utf8"));
  } catch {
    return null;
  }
}
