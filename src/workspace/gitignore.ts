/**
 * gitignore patterns (the rules of gitignore(5)) compiled to regular expressions. One
 * `IgnoreRules` holds the patterns of one file, relative to the folder that file is in;
 * the walker stacks them from the root down, and the last matching pattern wins, as in git.
 */

interface Rule {
  regex: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

export class IgnoreRules {
  private readonly rules: Rule[];

  /** `base` is the folder the file sits in, relative to the workspace ("" for the root, no trailing slash). */
  constructor(
    readonly base: string,
    text: string,
  ) {
    this.rules = [];
    for (const raw of text.split(/\r?\n/)) {
      const rule = compile(raw);
      if (rule) this.rules.push(rule);
    }
  }

  /**
   * true: ignored, false: re-included by a `!` pattern, undefined: these rules say nothing.
   * `path` is relative to the workspace, with "/" separators.
   */
  decide(path: string, isDir: boolean): boolean | undefined {
    let rel = path;
    if (this.base !== "") {
      if (!path.startsWith(this.base + "/")) return undefined;
      rel = path.slice(this.base.length + 1);
    }
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const r = this.rules[i]!;
      if (r.dirOnly && !isDir) continue;
      if (r.regex.test(rel)) return !r.negate;
    }
    return undefined;
  }
}

function compile(raw: string): Rule | null {
  let line = raw;
  // trailing spaces are ignored unless escaped with a backslash
  line = line.replace(/(?<!\\)\s+$/, "");
  if (line === "" || line.startsWith("#")) return null;
  let negate = false;
  if (line.startsWith("!")) {
    negate = true;
    line = line.slice(1);
  } else if (line.startsWith("\\!") || line.startsWith("\\#")) line = line.slice(1);
  let dirOnly = false;
  if (line.endsWith("/")) {
    dirOnly = true;
    line = line.slice(0, -1);
  }
  if (line === "") return null;
  // a slash at the start or in the middle anchors the pattern to the file's folder
  const anchored = line.includes("/");
  if (line.startsWith("/")) line = line.slice(1);
  const body = translate(line);
  const source = anchored ? `^${body}$` : `^(?:.*/)?${body}$`;
  return { regex: new RegExp(source), negate, dirOnly };
}

/** A glob body to a regex body: `*` and `?` stay inside one path segment, `**` crosses them. */
function translate(glob: string): string {
  let out = "";
  let i = 0;
  while (i < glob.length) {
    const c = glob[i]!;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const atStart = i === 0 || glob[i - 1] === "/";
        const atEnd = i + 2 === glob.length || glob[i + 2] === "/";
        if (atStart && atEnd) {
          if (i + 2 === glob.length) out += ".*";
          else {
            out += "(?:.*/)?";
            i++; // the slash after ** is part of (?:.*/)?
          }
          i += 2;
          continue;
        }
      }
      out += "[^/]*";
      i++;
      while (glob[i] === "*") i++;
      continue;
    }
    if (c === "?") out += "[^/]";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end < 0) out += "\\[";
      else {
        let set = glob.slice(i + 1, end);
        if (set.startsWith("!")) set = "^" + set.slice(1);
        out += `[${set.replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else if (c === "\\" && i + 1 < glob.length) {
      out += escape(glob[i + 1]!);
      i++;
    } else out += escape(c);
    i++;
  }
  return out;
}

function escape(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
