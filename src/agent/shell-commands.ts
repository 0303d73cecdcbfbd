/**
 * A shell command line as the simple commands it runs, so a permission rule is checked
 * against each of them: `git status && rm -rf x` is two commands, and an allow rule for
 * `git status*` must not let the second one through. Parsed with shell-quote's lexer,
 * never a regex over the whole line; command substitutions (`$(…)`, backticks) are
 * parsed too, and newlines and comments are handled before the lexer (which would
 * otherwise join lines and let a comment swallow the commands after it).
 */
import { parse, quote } from "shell-quote";

export interface SimpleCommand {
  /** The words after leading assignments and shell keywords. */
  words: string[];
  /** The words (and redirections) joined with spaces, as rules see it. */
  text: string;
}

const SEPARATORS = new Set(["&&", "||", ";", ";;", "|", "|&", "&"]);
const LEADING_KEYWORDS = new Set(["if", "then", "else", "elif", "do", "while", "until", "!", "{", "time", "exec"]);
const CLOSING_WORDS = new Set(["fi", "done", "esac", "}"]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

export function simpleCommands(command: string, depth = 0): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let words: string[] = [];
  let parts: string[] = [];
  // a subshell or substitution is its own command; the words around it stay one command
  const outer: { words: string[]; parts: string[] }[] = [];
  const flush = () => {
    while (words.length > 0 && (ASSIGNMENT.test(words[0]!) || LEADING_KEYWORDS.has(words[0]!))) {
      words.shift();
      parts.shift();
    }
    if (words.length > 0 && !(words.length === 1 && CLOSING_WORDS.has(words[0]!))) out.push({ words, text: parts.join(" ") });
    words = [];
    parts = [];
  };
  // a variable stays as written: rules see `$HOME`, not its value
  const tokens = parse(normalizeLines(command), (key) => `$${key}`);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (typeof token === "string") {
      if (token === "$" && isOp(tokens[i + 1], "(")) continue; // `$(` lexes as "$" then a subshell
      words.push(token);
      parts.push(/[\s'"\\]/.test(token) || token === "" ? quote([token]) : token);
      if (depth < 8) for (const inner of substitutions(token)) out.push(...simpleCommands(inner, depth + 1));
    } else if ("op" in token) {
      if (token.op === "glob") {
        const pattern = (token as { pattern: string }).pattern;
        words.push(pattern);
        parts.push(pattern);
      } else if (token.op === "(" || token.op === "<(" || token.op === ">(") {
        outer.push({ words, parts });
        words = [];
        parts = [];
      } else if (token.op === ")") {
        flush();
        const back = outer.pop();
        if (back) ({ words, parts } = back);
      } else if (SEPARATORS.has(token.op)) flush();
      else parts.push(token.op); // a redirection stays part of the command's text
    }
    // comments were removed before lexing
  }
  flush();
  while (outer.length > 0) {
    ({ words, parts } = outer.pop()!);
    flush();
  }
  return out;
}

function isOp(token: unknown, op: string): boolean {
  return typeof token === "object" && token !== null && (token as { op?: string }).op === op;
}

/**
 * Unquoted newlines become `;`, line continuations join, `#` comments are dropped up to
 * the end of their line, and backticks become `$(…)`, the way the shell reads them.
 */
function normalizeLines(command: string): string {
  let out = "";
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      out += c;
    } else if (c === "\\" && i + 1 < command.length) {
      if (command[i + 1] === "\n") i++;
      else {
        out += c + command[i + 1];
        i++;
      }
    } else if (c === "`") {
      let end = i + 1;
      while (end < command.length && command[end] !== "`") end += command[end] === "\\" ? 2 : 1;
      out += `$(${command.slice(i + 1, end)})`;
      i = end;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      out += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      out += c;
    } else if (c === "\n") out += ";";
    else if (c === "#" && (i === 0 || /[\s;&|()]/.test(command[i - 1]!))) {
      while (i + 1 < command.length && command[i + 1] !== "\n") i++;
    } else out += c;
  }
  return out;
}

/** The commands inside the `$(…)` of one word (single-quoted text included, to be safe). */
function substitutions(word: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < word.length; i++) {
    if (word[i] === "$" && word[i + 1] === "(") {
      let depth = 1;
      let j = i + 2;
      for (; j < word.length && depth > 0; j++) {
        if (word[j] === "(") depth++;
        else if (word[j] === ")") depth--;
      }
      found.push(word.slice(i + 2, depth === 0 ? j - 1 : j));
      i = j - 1;
    }
  }
  return found;
}

/**
 * What "Yes for this session" allows for one command: its program, and the subcommand
 * for tools that have them (`git status`, `npm run test`, `bun test`).
 */
export function commandPrefix(words: readonly string[]): string {
  const [program, ...rest] = words;
  if (program === undefined) return "";
  const prefix = [program];
  if (!WITH_SUBCOMMANDS.has(program.split("/").pop()!)) return program;
  for (const word of rest) {
    if (word.startsWith("-")) break;
    prefix.push(word);
    if (!RUNNERS.has(word)) break; // `npm run test`: the script is part of the prefix
  }
  return prefix.join(" ");
}

const RUNNERS = new Set(["run", "exec", "x"]);
const WITH_SUBCOMMANDS = new Set([
  "git", "npm", "pnpm", "yarn", "bun", "bunx", "npx", "cargo", "go", "docker", "kubectl", "make", "pip", "uv", "poetry", "gh", "deno", "dotnet", "mvn", "gradle", "brew", "apt", "apt-get", "systemctl",
]);
