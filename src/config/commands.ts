/**
 * Reusable commands: markdown files that become slash commands, in the format Claude Code
 * and Codex users already write — an optional front matter (`description`,
 * `argument-hint`), then the prompt, where `$ARGUMENTS` and `$1`…`$9` stand for what
 * follows the command. Project commands (`.petrel/commands/`) win over the user's
 * (`$XDG_CONFIG_HOME/petrel/commands/`); a file in a subfolder is `/folder:name`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export type CommandSource = "project" | "user";

export interface CustomCommand {
  /** Without the slash: "review", "git:commit". */
  name: string;
  description?: string;
  argumentHint?: string;
  source: CommandSource;
  path: string;
}

export interface CommandTemplate {
  description?: string;
  argumentHint?: string;
  body: string;
}

export interface LoadedCommands {
  commands: CustomCommand[];
  /** One sentence per file that could not be used, naming it. */
  problems: string[];
}

/** Command names are what a user can type after the slash without quoting. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** Deeper folders than this are not walked: a command tree is a few files, not a workspace. */
const MAX_DEPTH = 3;
/** A prompt file larger than this is a mistake (a log dropped in the folder), not a command. */
const MAX_FILE_BYTES = 256 * 1024;

export function loadCustomCommands(dirs: readonly { dir: string; source: CommandSource }[]): LoadedCommands {
  const byName = new Map<string, CustomCommand>();
  const problems: string[] = [];
  // the project's folder comes first in `dirs` and wins; later ones only fill in names
  for (const { dir, source } of dirs) {
    for (const file of markdownFiles(dir, problems)) {
      const rel = relative(dir, file).slice(0, -".md".length);
      const parts = rel.split(/[\\/]/);
      if (!parts.every((p) => NAME.test(p))) {
        problems.push(`${file}: "${rel}" is not a usable command name (letters, digits, . _ - only)`);
        continue;
      }
      const name = parts.join(":");
      if (byName.has(name)) continue;
      const read = readTemplate(file);
      if ("error" in read) {
        problems.push(read.error);
        continue;
      }
      byName.set(name, { name, description: read.description, argumentHint: read.argumentHint, source, path: file });
    }
  }
  return { commands: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)), problems };
}

/** Reads a command file afresh (it may have been edited since the chat started). */
export function readTemplate(path: string): CommandTemplate | { error: string } {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) return { error: `${path}: ${size} bytes is too large for a command (at most ${MAX_FILE_BYTES})` };
    text = readFileSync(path, "utf8");
  } catch (err) {
    return { error: `${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
  }
  const parsed = parseTemplate(text);
  return "error" in parsed ? { error: `${path}: ${parsed.error}` } : parsed;
}

/** Front matter (a `---` line, `key: value` lines, a `---` line), then the prompt. */
export function parseTemplate(text: string): CommandTemplate | { error: string } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const meta: Record<string, string> = {};
  let start = 0;
  if (lines[0]?.trim() === "---") {
    const end = lines.findIndex((l, i) => i > 0 && l.trim() === "---");
    if (end < 0) return { error: "the front matter opened on line 1 is never closed with ---" };
    for (let i = 1; i < end; i++) {
      const line = lines[i]!;
      if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
      const m = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
      if (!m) return { error: `line ${i + 1} of the front matter is not "key: value"` };
      meta[m[1]!.toLowerCase()] = unquote(m[2]!.trim());
    }
    start = end + 1;
  }
  const body = lines.slice(start).join("\n").trim();
  if (body === "") return { error: "the command has no prompt text" };
  return {
    body,
    ...(meta.description && { description: meta.description }),
    ...(meta["argument-hint"] && { argumentHint: meta["argument-hint"] }),
  };
}

/**
 * The prompt a command sends: `$ARGUMENTS` is everything after the command, `$1`…`$9`
 * its words (quotes group words, as in a shell). A prompt with no placeholder gets the
 * arguments appended, so nothing typed is silently dropped.
 */
export function expandTemplate(body: string, args: string): string {
  const trimmed = args.trim();
  const words = splitWords(trimmed);
  let used = false;
  const out = body.replace(/\$(ARGUMENTS|[1-9])/g, (_, key: string) => {
    used = true;
    return key === "ARGUMENTS" ? trimmed : (words[Number(key) - 1] ?? "");
  });
  return used || trimmed === "" ? out : `${out}\n\n${trimmed}`;
}

/** Whether a prompt takes arguments (so the popup completes it rather than running it). */
export function takesArguments(body: string): boolean {
  return /\$(ARGUMENTS|[1-9])/.test(body);
}

/**
 * Words split at white space, a quoted run ("…" or '…') being one word. Not a shell's
 * grammar on purpose: `#12`, `a|b` and `$HOME` are what the user typed, not a comment, a
 * pipe or a variable.
 */
function splitWords(text: string): string[] {
  const words: string[] = [];
  for (const m of text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) words.push(m[1] ?? m[2] ?? m[3]!);
  return words;
}

function unquote(value: string): string {
  const m = /^(["'])(.*)\1$/.exec(value);
  return m ? m[2]! : value;
}

function markdownFiles(dir: string, problems: string[], depth = 0): string[] {
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR") problems.push(`${dir}: cannot be read (${code ?? String(err)})`);
    return [];
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (depth < MAX_DEPTH) files.push(...markdownFiles(path, problems, depth + 1));
    } else if (entry.name.endsWith(".md") && (entry.isFile() || entry.isSymbolicLink())) files.push(path);
  }
  return files;
}
