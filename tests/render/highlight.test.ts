import { describe, expect, test } from "bun:test";
import { renderCode, renderDiff } from "../../src/render/code.ts";
import { rowToPlain } from "../../src/render/ansi.ts";
import { grammarFor, highlightLine, Kind, type Runs } from "../../src/render/highlight.ts";
import { darkTheme } from "../../src/render/theme.ts";

function kinds(lang: string, lines: string[]): [string, Kind][][] {
  const g = grammarFor(lang)!;
  expect(g).toBeDefined();
  let state = 0;
  return lines.map((line) => {
    const runs: Runs = { ends: [], kinds: [], count: 0 };
    state = highlightLine(g, line, state, runs);
    const out: [string, Kind][] = [];
    let start = 0;
    for (let k = 0; k < runs.count; k++) {
      out.push([line.slice(start, runs.ends[k]!), runs.kinds[k]!]);
      start = runs.ends[k]!;
    }
    return out;
  });
}

const has = (line: [string, Kind][], text: string, kind: Kind) => line.some(([t, k]) => t.trim() === text && k === kind);

describe("highlighting, one language at a time", () => {
  test.each([
    ["ts", "const x: number = f(1); // c", [["const", Kind.Keyword], ["number", Kind.Type], ["f", Kind.Func], ["1", Kind.Number], ["// c", Kind.Comment]]],
    ["js", "let s = `t ${a}`;", [["let", Kind.Keyword], ["`t ${a}`", Kind.String]]],
    ["python", "def run(self): return None  # done", [["def", Kind.Keyword], ["run", Kind.Func], ["None", Kind.Literal], ["# done", Kind.Comment]]],
    ["go", "func main() { fmt.Println(\"hi\") }", [["func", Kind.Keyword], ["main", Kind.Func], ["\"hi\"", Kind.String]]],
    ["rust", "fn f<'a>(x: &'a str) -> u8 { println!(\"{}\", 1) }", [["fn", Kind.Keyword], ["str", Kind.Type], ["println", Kind.Func], ["1", Kind.Number]]],
    ["bash", "echo \"$HOME\" # note", [["echo", Kind.Builtin], ["\"$HOME\"", Kind.String], ["# note", Kind.Comment]]],
    ["json", "{\"key\": 12, \"ok\": true}", [["\"key\"", Kind.Property], ["12", Kind.Number], ["true", Kind.Literal]]],
    ["yaml", "name: petrel # c", [["name", Kind.Property], ["petrel", Kind.String], ["# c", Kind.Comment]]],
    ["diff", "+added line", [["+added line", Kind.Add]]],
    ["html", "<a href=\"x\">t</a>", [["<a", Kind.Tag], ["href", Kind.Attr], ["\"x\"", Kind.String]]],
    ["css", "a { color: #fff; }", [["a", Kind.Tag], ["color", Kind.Property], ["#fff", Kind.Number]]],
    ["sql", "SELECT id FROM t WHERE n = 'x';", [["SELECT", Kind.Keyword], ["FROM", Kind.Keyword], ["'x'", Kind.String]]],
  ] as const)("%s", (lang, line, expected) => {
    const [runs] = kinds(lang, [line]);
    for (const [text, kind] of expected) expect(has(runs!, text, kind), `${text} as ${kind}`).toBe(true);
  });

  test("state carries across lines: block comments and multi-line strings", () => {
    const ts = kinds("ts", ["a /* open", "still", "done */ b"]);
    expect(ts[1]).toEqual([["still", Kind.Comment]]);
    expect(has(ts[2]!, "done */", Kind.Comment)).toBe(true);
    const py = kinds("python", ['x = """doc', "more", '"""', "y"]);
    expect(py[1]).toEqual([["more", Kind.String]]);
    expect(has(py[3]!, "y", Kind.Text)).toBe(true);
    const html = kinds("html", ["<!--", "c", "-->"]);
    expect(html[1]).toEqual([["c", Kind.Comment]]);
  });

  test("diff colouring by line", () => {
    const d = kinds("diff", ["--- a/x", "+++ b/x", "@@ -1 +1 @@", "-old", "+new", " same"]);
    expect(d.map((l) => l[0]![1])).toEqual([Kind.DiffMeta, Kind.DiffMeta, Kind.Hunk, Kind.Remove, Kind.Add, Kind.Text]);
    const rows = renderDiff("-a\n+b", 20, darkTheme);
    expect(rows[0]!.spans.some((s) => s.style === darkTheme.code.remove)).toBe(true);
    expect(rows[1]!.spans.some((s) => s.style === darkTheme.code.add)).toBe(true);
  });

  test("renderCode: the same look as a fence, sanitized, unknown languages plain", () => {
    expect(renderCode("x\x1b[2Jy", "nope", 20, darkTheme).map(rowToPlain)).toEqual([" xy"]);
    expect(renderCode("", undefined, 20, darkTheme)).toHaveLength(1);
    for (const r of renderCode("a".repeat(50), "ts", 20, darkTheme)) expect(r.width).toBeLessThanOrEqual(20);
  });
});
