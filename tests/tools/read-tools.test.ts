/** read, ls, glob and grep on real folders: caps, binary files, .gitignore, both grep engines. */
import { describe, expect, test } from "bun:test";
import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createGrepTool } from "../../src/tools/grep.ts";
import { globTool } from "../../src/tools/glob.ts";
import { lsTool } from "../../src/tools/ls.ts";
import { readTool } from "../../src/tools/read.ts";
import { ToolArgumentError } from "../../src/tools/tool.ts";
import { call, context, workspace } from "./helpers.ts";

const lines = (n: number, f = (i: number) => `line ${i}`) => Array.from({ length: n }, (_, i) => f(i + 1)).join("\n");

describe("read", () => {
  test("numbers lines and reads on from an offset", async () => {
    const root = workspace({ "a.txt": "one\ntwo\nthree\n" });
    const ctx = context(root);
    const all = await call(readTool, { path: "a.txt" }, ctx);
    expect(all.output).toBe("     1\tone\n     2\ttwo\n     3\tthree");
    expect(all.summary).toBe("3 lines");
    const part = await call(readTool, { path: "a.txt", offset: 2, limit: 1 }, ctx);
    expect(part.output).toBe("     2\ttwo\n[lines 2-2 of 3 shown; read on with offset=3]");
  });

  test("caps lines, line length and bytes, saying how to read on", async () => {
    const root = workspace({ "long.txt": lines(3000), "wide.txt": "x".repeat(5000), "big.txt": lines(2000, () => "y".repeat(100)) });
    const ctx = context(root);
    const long = await call(readTool, { path: "long.txt" }, ctx);
    expect(long.output).toContain("[lines 1-2000 of 3000 shown; read on with offset=2001]");
    const wide = await call(readTool, { path: "wide.txt" }, ctx);
    expect(wide.output).toContain("… [3000 more characters]");
    expect(wide.output).toContain("1 line was longer than 2000 characters and cut");
    const big = await call(readTool, { path: "big.txt" }, ctx);
    expect(big.output.length).toBeLessThanOrEqual(50 * 1024 + 200);
    expect(big.output).toMatch(/\[stopped at 50 KB: lines 1-\d+ of 2000 shown; read on with offset=\d+\]$/);
  });

  test("refuses a binary file, lists a folder, says when the offset is past the end", async () => {
    const root = workspace({ "img.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]), "d/x.ts": "", "one.txt": "a" });
    const ctx = context(root);
    expect((await call(readTool, { path: "img.png" }, ctx)).output).toBe("img.png is a binary file (8 bytes, PNG image); not shown");
    expect((await call(readTool, { path: "d" }, ctx)).output).toBe("x.ts");
    const past = await call(readTool, { path: "one.txt", offset: 5 }, ctx);
    expect(past.isError).toBe(true);
    expect(past.output).toBe("the file has 1 line; offset 5 is past its end");
  });

  test("bad arguments and missing files are the model's errors", async () => {
    const root = workspace();
    const ctx = context(root);
    expect(() => readTool.subject({ offset: 1 }, root)).toThrow(ToolArgumentError);
    expect(() => readTool.subject('{"path": ', root)).toThrow("not valid JSON");
    await expect(readTool.run({ path: "nope.txt" }, ctx)).rejects.toThrow("no such file: nope.txt");
  });
});

describe("paths", () => {
  test("../ and a symlink out of the workspace are seen as outside", async () => {
    const outside = workspace({ "secret.txt": "s" });
    const root = workspace({ "in.txt": "i" });
    symlinkSync(outside, join(root, "link"));
    symlinkSync(join(outside, "new.txt"), join(root, "dangling"));
    const up = await readTool.subject({ path: `../${outside.split("/").pop()}/secret.txt` }, root);
    expect(up.paths).toEqual([join(outside, "secret.txt")]);
    const viaLink = await readTool.subject({ path: "link/secret.txt" }, root);
    expect(viaLink.paths).toEqual([join(outside, "secret.txt")]);
    expect(viaLink.title).toBe(`Read ${join(outside, "secret.txt")}`);
    // a write through a dangling link would create the file outside
    const dangling = await readTool.subject({ path: "dangling" }, root);
    expect(dangling.paths).toEqual([join(outside, "new.txt")]);
    expect((await readTool.subject({ path: "in.txt" }, root)).paths).toEqual([join(root, "in.txt")]);
  });
});

describe("ls", () => {
  test("folders first, symlinks shown, ignored entries counted", async () => {
    const root = workspace({ ".gitignore": "dist/\n*.log\n", "b.ts": "", "a.log": "", "src/x.ts": "", "dist/out.js": "", ".git/HEAD": "" });
    symlinkSync("b.ts", join(root, "c"));
    const result = await call(lsTool, {}, context(root));
    expect(result.output).toBe("src/\n.gitignore\nb.ts\nc -> b.ts\n[3 ignored (.git, .gitignore) not shown]");
  });
});

describe("glob", () => {
  test("matches, honours .gitignore, newest first", async () => {
    const root = workspace({ ".gitignore": "node_modules/\n", "old.ts": "", "src/new.ts": "", "src/mid.ts": "", "node_modules/m/i.ts": "", "README.md": "" });
    const at = (p: string, s: number) => utimesSync(join(root, p), s, s);
    at("old.ts", 1000);
    at("src/mid.ts", 2000);
    at("src/new.ts", 3000);
    const ctx = context(root);
    expect((await call(globTool, { pattern: "**/*.ts" }, ctx)).output).toBe("src/new.ts\nsrc/mid.ts\nold.ts");
    expect((await call(globTool, { pattern: "*.ts", path: "src" }, ctx)).output).toBe("src/new.ts\nsrc/mid.ts");
    expect((await call(globTool, { pattern: "*.py" }, ctx)).output).toBe("no files match *.py");
  });

  test("at most 100 results, and says how many there were", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 130; i++) files[`f${i}.txt`] = "";
    const result = await call(globTool, { pattern: "*.txt" }, context(workspace(files)));
    expect(result.output.split("\n")).toHaveLength(101);
    expect(result.output).toEndWith("[100 newest of 130 shown; narrow the pattern or the path]");
  });
});

const ripgrep = Bun.which("rg");
const engines: [string, string | null][] = [["built-in", null]];
if (ripgrep) engines.push(["ripgrep", ripgrep]);

describe.each(engines)("grep (%s)", (_name, rg) => {
  const grep = createGrepTool({ ripgrep: rg });
  const files = {
    ".gitignore": "build/\n",
    "src/a.ts": "const x = 1;\nfunction foo() {}\n",
    "src/b.md": "Foo bar\n",
    "build/out.js": "function foo() {}\n",
    "bin.dat": new Uint8Array([102, 111, 111, 0, 1]),
    "lit.txt": "a.b\naxb\n",
  };

  test("file:line:text, .gitignore and binary files skipped", async () => {
    const root = workspace(files);
    const result = await call(grep, { pattern: "foo" }, context(root));
    expect(result.output).toBe("src/a.ts:2:function foo() {}");
    expect(result.summary).toBe("1 match");
  });

  test("ignore_case, literal, glob and path", async () => {
    const root = workspace(files);
    const ctx = context(root);
    expect((await call(grep, { pattern: "foo", ignore_case: true, glob: "*.md" }, ctx)).output).toBe("src/b.md:1:Foo bar");
    expect((await call(grep, { pattern: "a.b", literal: true }, ctx)).output).toBe("lit.txt:1:a.b");
    expect((await call(grep, { pattern: "a.b" }, ctx)).output).toBe("lit.txt:1:a.b\nlit.txt:2:axb");
    expect((await call(grep, { pattern: "x", path: "src" }, ctx)).output).toBe("src/a.ts:1:const x = 1;");
    expect((await call(grep, { pattern: "nothing here" }, ctx)).output).toBe('no matches for "nothing here"');
  });

  test("stops at 100 matches", async () => {
    const root = workspace({ "many.txt": lines(250, () => "hit") });
    const result = await call(grep, { pattern: "hit" }, context(root));
    const out = result.output.split("\n");
    expect(out).toHaveLength(101);
    expect(out[99]).toBe("many.txt:100:hit");
    expect(out[100]).toBe("[the first 100 matches shown; narrow the pattern, the path or the glob]");
  });
});

test("grep: an invalid regular expression is the model's error", () => {
  const grep = createGrepTool({ ripgrep: null });
  expect(() => grep.subject({ pattern: "(" }, workspace())).toThrow(/invalid regular expression "\("/);
});

test("a nested .gitignore applies below its folder only", async () => {
  const root = workspace({ "pkg/.gitignore": "gen.ts\n", "pkg/gen.ts": "needle", "gen.ts": "needle" });
  mkdirSync(join(root, "empty"));
  writeFileSync(join(root, "pkg/keep.ts"), "needle");
  const result = await call(createGrepTool({ ripgrep: null }), { pattern: "needle" }, context(root));
  expect(result.output).toBe("gen.ts:1:needle\npkg/keep.ts:1:needle");
});
