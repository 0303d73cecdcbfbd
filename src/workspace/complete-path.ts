/**
 * Tab completion of a path, the way a shell does it: the longest prefix every entry
 * starting with what is typed shares, "/" after a folder once it is the only match.
 * Relative paths start at the workspace root; "~/" is the home folder.
 */
import { readdir } from "node:fs/promises";
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";

export interface PathCompletion {
  /** The completed word (unchanged when nothing matches). */
  word: string;
  /** Every entry that matched, when more than one did (for "a.ts b.ts" hints). */
  candidates: string[];
}

export async function completePath(root: string, word: string): Promise<PathCompletion> {
  const slash = word.lastIndexOf("/");
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : "";
  const stem = word.slice(slash + 1);
  const dir = dirPart.startsWith("~/") ? join(homedir(), dirPart.slice(2)) : isAbsolute(dirPart) ? dirPart : join(root, dirPart);
  let entries;
  try {
    entries = await readdir(dir || ".", { withFileTypes: true });
  } catch {
    return { word, candidates: [] };
  }
  // dot entries only when asked for, as shells do
  const matches = entries
    .filter((e) => e.name.startsWith(stem) && (stem.startsWith(".") || !e.name.startsWith(".")))
    .map((e) => e.name + (e.isDirectory() ? "/" : ""))
    .sort();
  if (matches.length === 0) return { word, candidates: [] };
  if (matches.length === 1) return { word: dirPart + matches[0]!, candidates: [] };
  return { word: dirPart + commonPrefix(matches), candidates: matches };
}

function commonPrefix(words: string[]): string {
  let prefix = words[0]!;
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
