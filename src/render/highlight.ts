/**
 * A small line-at-a-time syntax highlighter. Each language is a table (comments, strings,
 * word lists) read by one scanner; the only state carried from one line to the next is a
 * small integer (inside a block comment, a multi-line string, an HTML tag, CSS braces), so
 * a streaming code block can highlight and freeze each completed line exactly as a full
 * render would. Chosen over highlight.js, whose grammars are richer but whose whole-block
 * state and speed (~1.4 MB/s measured here, against ~12 MB/s for marked's lexer) would
 * make code dominate the render time; this scanner runs at tens of MB/s.
 */

export const enum Kind {
  Text,
  Keyword,
  String,
  Number,
  Comment,
  Type,
  Func,
  Builtin,
  Literal,
  Property,
  Tag,
  Attr,
  Variable,
  Meta,
  Regexp,
  Add,
  Remove,
  Hunk,
  DiffMeta,
  /** Drawn like Text; kept apart so a YAML key's colon does not merge with its value. */
  Punct,
}

/** Highlighted runs of one line: run k covers [ends[k-1] ?? 0, ends[k]) with kinds[k]. */
export interface Runs {
  ends: number[];
  kinds: Kind[];
  count: number;
}

interface StringRule {
  open: string;
  close: string;
  escapes: boolean;
  multiline: boolean;
  kind: Kind;
}

interface Grammar {
  readonly mode: "generic" | "diff" | "html" | "css" | "yaml";
  readonly lineComments: readonly string[];
  readonly blockComments: readonly (readonly [string, string])[];
  readonly strings: readonly StringRule[];
  readonly keywords: ReadonlySet<string>;
  readonly types: ReadonlySet<string>;
  readonly literals: ReadonlySet<string>;
  readonly builtins: ReadonlySet<string>;
  readonly ignoreCase: boolean;
  readonly capitalizedTypes: boolean;
  /** `$name` / `${…}` are variables (shells, PHP, Perl-ish). */
  readonly dollarVars: boolean;
  /** `@name` is an annotation or decorator. */
  readonly decorators: boolean;
  /** A string followed by `:` is a key (JSON). */
  readonly keyStrings: boolean;
  /** `#` starts a comment only at a word boundary (shell). */
  readonly hashNeedsSpace: boolean;
  /** Identifiers may contain `-` (CSS, shell words). */
  readonly dashInWords: boolean;
  /** Words after which the next identifier names a definition. */
  readonly definers: ReadonlySet<string>;
  readonly words: ReadonlyMap<string, number>;
  readonly shapes: Uint32Array;
  readonly starters: Uint8Array;
  readonly plain: Uint8Array;
}

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));
const NONE: ReadonlySet<string> = new Set();

const str = (open: string, close = open, escapes = true, multiline = false, kind = Kind.String): StringRule => ({
  open,
  close,
  escapes,
  multiline,
  kind,
});

type GrammarSpec = Omit<Grammar, "words" | "shapes" | "starters" | "plain">;

function grammar(g: Partial<GrammarSpec>): Grammar {
  const base: GrammarSpec = {
    mode: "generic",
    lineComments: [],
    blockComments: [],
    strings: [str('"'), str("'")],
    keywords: NONE,
    types: NONE,
    literals: words("true false null"),
    builtins: NONE,
    ignoreCase: false,
    capitalizedTypes: false,
    dollarVars: false,
    decorators: false,
    keyStrings: false,
    hashNeedsSpace: false,
    dashInWords: false,
    definers: NONE,
    ...g,
  };
  // One lookup per identifier, in the order classify() gives precedence; DEFINER marks
  // words after which a name is being defined.
  const lookup = new Map<string, number>();
  for (const [set, kind] of [[base.builtins, Kind.Builtin], [base.types, Kind.Type], [base.literals, Kind.Literal], [base.keywords, Kind.Keyword]] as const)
    for (const w of set) lookup.set(w, kind);
  for (const w of base.definers) lookup.set(w, (lookup.get(w) ?? Kind.Text) | DEFINER);
  // Most identifiers are not known words: a (first two letters, length) filter rules them
  // out without cutting the word out of the line.
  const shapes = new Uint32Array(128 * 128);
  for (const w of lookup.keys()) shapes[shapeIndex(w.charCodeAt(0), w.length > 1 ? w.charCodeAt(1) : 0, base.ignoreCase)]! |= 1 << (w.length & 31);
  // Characters that may open a comment or string, and characters that can only be plain text.
  const starters = new Uint8Array(128);
  for (const o of [...base.lineComments, ...base.blockComments.map((b) => b[0]), ...base.strings.map((r) => r.open)]) starters[o.charCodeAt(0)] = 1;
  const plain = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const special = starters[c] || isIdentStart(c) || isDigit(c) || (base.dollarVars && c === 36) || (base.decorators && c === 64);
    plain[c] = special ? 0 : 1;
  }
  return { ...base, words: lookup, shapes, starters, plain };
}

const DEFINER = 64;

function shapeIndex(c0: number, c1: number, fold: boolean): number {
  if (fold) {
    if (c0 >= 65 && c0 <= 90) c0 += 32;
    if (c1 >= 65 && c1 <= 90) c1 += 32;
  }
  return ((c0 & 127) << 7) | (c1 & 127);
}

const C_COMMENTS = { lineComments: ["//"], blockComments: [["/*", "*/"]] as const };

const JS_KEYWORDS =
  "break case catch class const continue debugger default delete do else export extends finally for from function if import in instanceof let new of return static super switch this throw try typeof var void while with yield async await as get set";
const TS_EXTRA = "type interface enum implements declare namespace abstract private protected public readonly keyof infer is satisfies module override";

const typescript = grammar({
  ...C_COMMENTS,
  strings: [str('"'), str("'"), str("`", "`", true, true)],
  keywords: words(`${JS_KEYWORDS} ${TS_EXTRA}`),
  types: words("string number boolean any unknown never object symbol bigint void Array Promise Record Map Set Date Error RegExp Partial Readonly"),
  literals: words("true false null undefined NaN Infinity"),
  builtins: words("console process window document globalThis JSON Math Object Number String Boolean Symbol require module exports Bun"),
  capitalizedTypes: true,
  decorators: true,
  definers: words("function class interface type enum new extends implements"),
});

const python = grammar({
  lineComments: ["#"],
  strings: [str('"""', '"""', true, true), str("'''", "'''", true, true), str('"'), str("'")],
  keywords: words(
    "and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case",
  ),
  literals: words("True False None"),
  builtins: words(
    "print len range enumerate zip map filter sorted reversed list dict set tuple str int float bool bytes type isinstance issubclass open super object min max sum abs any all iter next repr hash id input format getattr setattr hasattr self cls",
  ),
  capitalizedTypes: true,
  decorators: true,
  definers: words("def class"),
});

const go = grammar({
  ...C_COMMENTS,
  strings: [str('"'), str("'"), str("`", "`", false, true)],
  keywords: words(
    "break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var",
  ),
  types: words(
    "bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8 uint16 uint32 uint64 uintptr any",
  ),
  literals: words("true false nil iota"),
  builtins: words("append cap close complex copy delete imag len make new panic print println real recover"),
  capitalizedTypes: true,
  definers: words("func type"),
});

const rust = grammar({
  ...C_COMMENTS,
  strings: [str('"', '"', true, true)],
  keywords: words(
    "as async await break const continue crate dyn else enum extern fn for if impl in let loop match mod move mut pub ref return self Self static struct super trait type unsafe use where while",
  ),
  types: words("i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64 bool char str String Vec Option Result Box Rc Arc HashMap"),
  literals: words("true false None Some Ok Err"),
  capitalizedTypes: true,
  definers: words("fn struct enum trait type impl mod"),
});

const C_FAMILY_KEYWORDS =
  "auto break case char const continue default do double else enum extern float for goto if inline int long register return short signed sizeof static struct switch typedef union unsigned void volatile while class namespace template typename public private protected virtual override new delete this throw try catch using operator friend final abstract extends implements import package interface super synchronized throws instanceof var val fun when is in object companion data sealed internal open lateinit let func guard defer protocol extension struct where";

const cFamily = grammar({
  ...C_COMMENTS,
  strings: [str('"', '"', true, true), str("'")],
  keywords: words(C_FAMILY_KEYWORDS),
  types: words("int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t size_t bool string String Integer Long Double Float Boolean Object List Map"),
  literals: words("true false null nullptr NULL nil"),
  capitalizedTypes: true,
  decorators: true,
  definers: words("class struct interface enum fun func"),
});

const bash = grammar({
  lineComments: ["#"],
  strings: [str('"', '"', true, true), str("'", "'", false, true)],
  keywords: words("if then else elif fi for while until do done case esac in function select return local export readonly declare unset shift break continue exit"),
  literals: NONE,
  builtins: words(
    "echo printf cd pwd ls cat grep sed awk find xargs sort uniq head tail cut tr wc mkdir rm cp mv ln chmod chown touch test source alias set eval exec read trap kill sudo git npm npx bun node python python3 pip curl wget tar make docker kubectl ssh go cargo rustc apt apt-get brew",
  ),
  dollarVars: true,
  hashNeedsSpace: true,
  dashInWords: true,
});

const json = grammar({
  lineComments: ["//"],
  blockComments: [["/*", "*/"]],
  strings: [str('"')],
  keyStrings: true,
});

const sql = grammar({
  lineComments: ["--"],
  blockComments: [["/*", "*/"]],
  strings: [str("'", "'", false, true), str('"')],
  keywords: words(
    "select from where and or not insert into values update set delete create table drop alter add column index primary key foreign references join inner left right outer full cross on as group by order having limit offset union all distinct case when then else end is null like in between exists with returning default unique check constraint view trigger begin commit rollback transaction if asc desc count sum avg min max coalesce",
  ),
  types: words("int integer bigint smallint serial text varchar char boolean bool date time timestamp timestamptz json jsonb uuid numeric decimal real float double blob"),
  literals: words("true false null"),
  ignoreCase: true,
});

const yaml = grammar({ mode: "yaml", lineComments: ["#"], hashNeedsSpace: true, literals: words("true false null yes no on off ~") });
const toml = grammar({ mode: "yaml", lineComments: ["#"], hashNeedsSpace: true, literals: words("true false") });
const diff = grammar({ mode: "diff" });
const html = grammar({ mode: "html" });
const css = grammar({ mode: "css", blockComments: [["/*", "*/"]], dashInWords: true });

const ruby = grammar({
  lineComments: ["#"],
  strings: [str('"', '"', true, true), str("'", "'", true, true)],
  keywords: words("alias and begin break case class def do else elsif end ensure for if in module next not or redo rescue retry return self super then undef unless until when while yield require attr_accessor"),
  literals: words("true false nil"),
  capitalizedTypes: true,
  definers: words("def class module"),
});

const LANGS: Record<string, Grammar> = {
  ts: typescript, typescript, tsx: typescript, js: typescript, javascript: typescript, jsx: typescript,
  mjs: typescript, cjs: typescript, mts: typescript, cts: typescript, node: typescript,
  py: python, python, python3: python, py3: python,
  go, golang: go,
  rs: rust, rust,
  sh: bash, bash, shell: bash, zsh: bash, console: bash, shellsession: bash, fish: bash, dockerfile: bash, docker: bash, makefile: bash, make: bash,
  json, jsonc: json, json5: json, jsonl: json,
  yaml, yml: yaml, toml, ini: toml, conf: toml,
  diff, patch: diff, udiff: diff,
  html, xml: html, svg: html, vue: html, svelte: html, xhtml: html, plist: html,
  css, scss: css, less: css, sass: css,
  sql, postgres: sql, postgresql: sql, mysql: sql, sqlite: sql, plsql: sql,
  c: cFamily, h: cFamily, cpp: cFamily, "c++": cFamily, cc: cFamily, hpp: cFamily, cxx: cFamily, cs: cFamily, csharp: cFamily,
  java: cFamily, kotlin: cFamily, kt: cFamily, swift: cFamily, scala: cFamily, dart: cFamily, php: cFamily, zig: cFamily, groovy: cFamily,
  rb: ruby, ruby, lua: ruby, perl: bash, pl: bash, r: python, elixir: ruby, ex: ruby,
};

/** The grammar for a fence's language word, or undefined (plain code). */
export function grammarFor(lang: string | undefined): Grammar | undefined {
  if (!lang) return undefined;
  return LANGS[lang.toLowerCase()];
}

export type { Grammar };

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c > 127;
}

function isIdentPart(c: number, dash: boolean): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c > 127 || (dash && c === 45) || (!dash && c === 36);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function push(runs: Runs, end: number, kind: Kind): void {
  const n = runs.count;
  if (n > 0 && runs.kinds[n - 1] === kind) runs.ends[n - 1] = end;
  else {
    runs.ends[n] = end;
    runs.kinds[n] = kind;
    runs.count = n + 1;
  }
}

function numberEnd(line: string, i: number): number {
  const n = line.length;
  let j = i;
  if (line.charCodeAt(j) === 48 && j + 1 < n && /[xXbBoO]/.test(line[j + 1]!)) {
    j += 2;
    while (j < n && /[0-9a-fA-F_]/.test(line[j]!)) j++;
  } else {
    while (j < n && (isDigit(line.charCodeAt(j)) || line.charCodeAt(j) === 95 || line.charCodeAt(j) === 46)) {
      if (line.charCodeAt(j) === 46 && !(j + 1 < n && isDigit(line.charCodeAt(j + 1)))) break;
      j++;
    }
    if (j < n && (line[j] === "e" || line[j] === "E") && j + 1 < n && /[0-9+-]/.test(line[j + 1]!)) {
      j += 2;
      while (j < n && isDigit(line.charCodeAt(j))) j++;
    }
  }
  while (j < n && /[a-zA-Z%]/.test(line[j]!)) j++; // suffixes and CSS units: 10u8, 1.5em, 50%
  return j;
}

/** End of a string body starting at `i` (after the opener), or -1 if it runs past the line. */
function stringEnd(line: string, i: number, rule: StringRule): number {
  const close = rule.close;
  let j = i;
  for (;;) {
    const k = line.indexOf(close, j);
    if (k < 0) return -1;
    if (rule.escapes) {
      let b = 0;
      while (k - 1 - b >= i && line.charCodeAt(k - 1 - b) === 92) b++;
      if (b % 2 === 1) {
        j = k + 1;
        continue;
      }
    }
    return k + close.length;
  }
}

// States: 0 normal; 1+k inside block comment k; 64+k inside multi-line string k.
const STRING_STATE = 64;

/**
 * Highlights one line given the state left by the previous line; fills `runs` and returns
 * the state for the next line.
 */
export function highlightLine(g: Grammar, line: string, state: number, runs: Runs): number {
  runs.count = 0;
  switch (g.mode) {
    case "diff":
      push(runs, line.length, diffKind(line));
      return 0;
    case "html":
      return htmlLine(line, state, runs);
    case "css":
      return cssLine(g, line, state, runs);
    case "yaml":
      return yamlLine(g, line, runs);
    default:
      return genericLine(g, line, 0, state, runs);
  }
}

function diffKind(line: string): Kind {
  const c = line.charCodeAt(0);
  if (line.startsWith("+++") || line.startsWith("---")) return Kind.DiffMeta;
  if (c === 43) return Kind.Add;
  if (c === 45) return Kind.Remove;
  if (line.startsWith("@@")) return Kind.Hunk;
  if (line.startsWith("diff ") || line.startsWith("index ") || line.startsWith("new file") || line.startsWith("deleted file")) return Kind.DiffMeta;
  return Kind.Text;
}

function genericLine(g: Grammar, line: string, from: number, state: number, runs: Runs): number {
  const n = line.length;
  let i = from;
  if (state >= STRING_STATE) {
    const rule = g.strings[state - STRING_STATE]!;
    const end = stringEnd(line, 0, rule);
    if (end < 0) {
      push(runs, n, rule.kind);
      return state;
    }
    push(runs, end, rule.kind);
    i = end;
  } else if (state > 0) {
    const close = g.blockComments[state - 1]![1];
    const k = line.indexOf(close);
    if (k < 0) {
      push(runs, n, Kind.Comment);
      return state;
    }
    push(runs, k + close.length, Kind.Comment);
    i = k + close.length;
  }
  let afterDefiner = false;
  const plain = g.plain;
  outer: while (i < n) {
    const c = line.charCodeAt(i);
    if (c < 128 && plain[c]) {
      let j = i + 1;
      while (j < n) {
        const d = line.charCodeAt(j);
        if (d < 128 && plain[d]) j++;
        else break;
      }
      push(runs, j, Kind.Text);
      i = j;
      continue;
    }
    if (c < 128 && g.starters[c]) for (const lc of g.lineComments) {
      if (line.startsWith(lc, i)) {
        if (g.hashNeedsSpace && i > 0 && line.charCodeAt(i - 1) !== 32 && line.charCodeAt(i - 1) !== 9) break;
        push(runs, n, Kind.Comment);
        return 0;
      }
    }
    if (c < 128 && g.starters[c]) for (let k = 0; k < g.blockComments.length; k++) {
      const [open, close] = g.blockComments[k]!;
      if (line.startsWith(open, i)) {
        const e = line.indexOf(close, i + open.length);
        if (e < 0) {
          push(runs, n, Kind.Comment);
          return 1 + k;
        }
        push(runs, e + close.length, Kind.Comment);
        i = e + close.length;
        continue outer;
      }
    }
    if (c < 128 && g.starters[c]) for (let k = 0; k < g.strings.length; k++) {
      const rule = g.strings[k]!;
      if (!line.startsWith(rule.open, i)) continue;
      // Rust lifetimes and the like: a lone quote that closes nowhere nearby is not a string.
      const e = stringEnd(line, i + rule.open.length, rule);
      if (e < 0) {
        if (rule.multiline) {
          push(runs, n, rule.kind);
          return STRING_STATE + k;
        }
        if (rule.open === "'") break;
        push(runs, n, rule.kind);
        return 0;
      }
      let kind = rule.kind;
      if (g.keyStrings) {
        let j = e;
        while (j < n && line.charCodeAt(j) === 32) j++;
        if (line.charCodeAt(j) === 58) kind = Kind.Property;
      }
      push(runs, e, kind);
      i = e;
      continue outer;
    }
    if (isDigit(c) || (c === 46 && i + 1 < n && isDigit(line.charCodeAt(i + 1)))) {
      const prev = i > 0 ? line.charCodeAt(i - 1) : 32;
      if (!isIdentPart(prev, g.dashInWords)) {
        const e = numberEnd(line, i);
        push(runs, e, Kind.Number);
        i = e;
        continue;
      }
    }
    if (g.dollarVars && c === 36 && i + 1 < n) {
      const d = line.charCodeAt(i + 1);
      let e = i + 1;
      if (d === 123) {
        const k = line.indexOf("}", i);
        e = k < 0 ? n : k + 1;
      } else if (isIdentStart(d) || isDigit(d) || "?#@*!$-".includes(line[i + 1]!)) {
        e = i + 2;
        while (e < n && isIdentPart(line.charCodeAt(e), false) && line.charCodeAt(e) !== 36) e++;
      }
      if (e > i + 1) {
        push(runs, e, Kind.Variable);
        i = e;
        continue;
      }
    }
    if (g.decorators && c === 64 && i + 1 < n && isIdentStart(line.charCodeAt(i + 1))) {
      let e = i + 2;
      while (e < n && (isIdentPart(line.charCodeAt(e), false) || line.charCodeAt(e) === 46)) e++;
      push(runs, e, Kind.Meta);
      i = e;
      continue;
    }
    if (isIdentStart(c) && !(g.dollarVars && c === 36)) {
      let e = i + 1;
      while (e < n && isIdentPart(line.charCodeAt(e), g.dashInWords)) e++;
      const shape = g.shapes[shapeIndex(c, e - i > 1 ? line.charCodeAt(i + 1) : 0, g.ignoreCase)]!;
      let known = -1;
      if (shape & (1 << ((e - i) & 31))) {
        const word = line.slice(i, e);
        known = g.words.get(g.ignoreCase ? word.toLowerCase() : word) ?? -1;
      }
      push(runs, e, known >= 0 && (known & ~DEFINER) !== Kind.Text ? ((known & ~DEFINER) as Kind) : classify(g, line, c, e, afterDefiner));
      afterDefiner = known >= 0 && (known & DEFINER) !== 0;
      i = e;
      continue;
    }
    push(runs, i + 1, Kind.Text);
    i++;
  }
  return 0;
}

/** An identifier that is no known word, by what follows it and how it is spelled. */
function classify(g: Grammar, line: string, first: number, end: number, afterDefiner: boolean): Kind {
  const capital = first >= 65 && first <= 90 && g.capitalizedTypes;
  if (afterDefiner) return capital ? Kind.Type : Kind.Func;
  let j = end;
  while (j < line.length && line.charCodeAt(j) === 32) j++;
  const next = line.charCodeAt(j);
  if (next === 40) return Kind.Func;
  if (next === 33 && line.charCodeAt(j + 1) === 40) return Kind.Func; // rust macro!(…)
  return capital ? Kind.Type : Kind.Text;
}

// HTML states: 0 text, 1 inside a comment, 2 inside a tag.
function htmlLine(line: string, state: number, runs: Runs): number {
  const n = line.length;
  let i = 0;
  while (i < n) {
    if (state === 1) {
      const k = line.indexOf("-->", i);
      if (k < 0) {
        push(runs, n, Kind.Comment);
        return 1;
      }
      push(runs, k + 3, Kind.Comment);
      i = k + 3;
      state = 0;
      continue;
    }
    if (state === 2) {
      const c = line.charCodeAt(i);
      if (c === 62) {
        push(runs, i + 1, Kind.Tag);
        i++;
        state = 0;
      } else if (c === 47 && line.charCodeAt(i + 1) === 62) {
        push(runs, i + 2, Kind.Tag);
        i += 2;
        state = 0;
      } else if (c === 34 || c === 39) {
        const k = line.indexOf(line[i]!, i + 1);
        const e = k < 0 ? n : k + 1;
        push(runs, e, Kind.String);
        i = e;
      } else if (isIdentStart(c)) {
        let e = i + 1;
        while (e < n && (isIdentPart(line.charCodeAt(e), true) || line.charCodeAt(e) === 58)) e++;
        push(runs, e, Kind.Attr);
        i = e;
      } else {
        push(runs, i + 1, Kind.Text);
        i++;
      }
      continue;
    }
    const lt = line.indexOf("<", i);
    if (lt < 0) {
      push(runs, n, Kind.Text);
      break;
    }
    if (lt > i) push(runs, lt, Kind.Text);
    if (line.startsWith("<!--", lt)) {
      push(runs, lt + 4, Kind.Comment);
      i = lt + 4;
      state = 1;
      continue;
    }
    let e = lt + 1;
    if (line.charCodeAt(e) === 47 || line.charCodeAt(e) === 33 || line.charCodeAt(e) === 63) e++;
    const nameStart = e;
    while (e < n && isIdentPart(line.charCodeAt(e), true)) e++;
    if (e === nameStart) {
      push(runs, lt + 1, Kind.Text);
      i = lt + 1;
      continue;
    }
    push(runs, e, Kind.Tag);
    i = e;
    state = 2;
  }
  return state;
}

// CSS states: 2 * brace depth (capped) + 1 when inside a comment.
function cssLine(g: Grammar, line: string, state: number, runs: Runs): number {
  const n = line.length;
  let depth = state >> 1;
  let i = 0;
  if (state & 1) {
    const k = line.indexOf("*/");
    if (k < 0) {
      push(runs, n, Kind.Comment);
      return state;
    }
    push(runs, k + 2, Kind.Comment);
    i = k + 2;
  }
  while (i < n) {
    const c = line.charCodeAt(i);
    if (line.startsWith("/*", i)) {
      const k = line.indexOf("*/", i + 2);
      if (k < 0) {
        push(runs, n, Kind.Comment);
        return (depth << 1) | 1;
      }
      push(runs, k + 2, Kind.Comment);
      i = k + 2;
    } else if (c === 123 || c === 125) {
      depth = c === 123 ? Math.min(depth + 1, 30) : Math.max(depth - 1, 0);
      push(runs, i + 1, Kind.Text);
      i++;
    } else if (c === 34 || c === 39) {
      const e = stringEnd(line, i + 1, g.strings[c === 34 ? 0 : 1]!);
      const end = e < 0 ? n : e;
      push(runs, end, Kind.String);
      i = end;
    } else if (c === 64 && i + 1 < n && isIdentStart(line.charCodeAt(i + 1))) {
      let e = i + 1;
      while (e < n && isIdentPart(line.charCodeAt(e), true)) e++;
      push(runs, e, Kind.Keyword);
      i = e;
    } else if (c === 35 && depth > 0) {
      let e = i + 1;
      while (e < n && /[0-9a-fA-F]/.test(line[e]!)) e++;
      push(runs, e, Kind.Number);
      i = e;
    } else if (isDigit(c) || (c === 45 && isDigit(line.charCodeAt(i + 1)))) {
      const e = numberEnd(line, c === 45 ? i + 1 : i);
      push(runs, e, Kind.Number);
      i = e;
    } else if ((c === 46 || c === 35) && depth === 0 && isIdentStart(line.charCodeAt(i + 1))) {
      let e = i + 1;
      while (e < n && isIdentPart(line.charCodeAt(e), true)) e++;
      push(runs, e, Kind.Attr);
      i = e;
    } else if (isIdentStart(c) || c === 45) {
      let e = i + 1;
      while (e < n && isIdentPart(line.charCodeAt(e), true)) e++;
      let j = e;
      while (j < n && line.charCodeAt(j) === 32) j++;
      const kind = depth === 0 ? Kind.Tag : line.charCodeAt(j) === 58 ? Kind.Property : line.charCodeAt(j) === 40 ? Kind.Func : Kind.Literal;
      push(runs, e, kind);
      i = e;
    } else {
      push(runs, i + 1, Kind.Text);
      i++;
    }
  }
  return depth << 1;
}

const YAML_KEY = /^(\s*(?:-\s+)?)([^\s#'"{[][^#]*?|"[^"]*"|'[^']*')(\s*[:=])(?=\s|$)/;

function yamlLine(g: Grammar, line: string, runs: Runs): number {
  if (line.startsWith("---") || line.startsWith("...")) {
    push(runs, line.length, Kind.Meta);
    return 0;
  }
  const section = /^\s*\[[^\]]*\]\s*$/.exec(line);
  if (section) {
    push(runs, line.length, Kind.Meta);
    return 0;
  }
  const m = YAML_KEY.exec(line);
  let from = 0;
  if (m) {
    push(runs, m[1]!.length, Kind.Text);
    push(runs, m[1]!.length + m[2]!.length, Kind.Property);
    from = m[0].length;
    push(runs, from, Kind.Punct);
  }
  const rest = runs.count;
  genericLine(g, line, from, 0, runs);
  // Bare scalars after the key read as strings, as YAML means them.
  for (let k = rest; k < runs.count; k++) if (runs.kinds[k] === Kind.Text && m && /\w/.test(line.slice(k > 0 ? runs.ends[k - 1]! : 0, runs.ends[k]!))) runs.kinds[k] = Kind.String;
  return 0;
}
