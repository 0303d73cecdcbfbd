/** The workspace walker and its gitignore rules, on real folders in a temp dir. */
import { expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { IgnoreRules } from "../../src/workspace/gitignore.ts";
import { listFiles } from "../../src/workspace/files.ts";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "petrel-ws-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

test("gitignore patterns follow gitignore(5)", () => {
  const r = new IgnoreRules("", ["# comment", "*.log", "!keep.log", "/build", "out/", "docs/**/*.tmp", "a?c", "[xy].txt", "\\#hash"].join("\n"));
  const cases: [string, boolean, boolean | undefined][] = [
    ["x.log", false, true],
    ["deep/down/x.log", false, true],
    ["keep.log", false, false],
    ["build", true, true],
    ["src/build", true, undefined], // anchored to the root
    ["out", true, true],
    ["out", false, undefined], // out/ matches folders only
    ["src/out", true, true],
    ["docs/a/b/c.tmp", false, true],
    ["docs/c.tmp", false, true],
    ["c.tmp", false, undefined],
    ["abc", false, true],
    ["abbc", false, undefined],
    ["x.txt", false, true],
    ["z.txt", false, undefined],
    ["#hash", false, true],
    ["comment", false, undefined],
  ];
  for (const [path, isDir, want] of cases) expect([path, r.decide(path, isDir)]).toEqual([path, want]);
});

test("the walker leaves out .git and what every level's .gitignore ignores", async () => {
  const root = tree({
    ".gitignore": "node_modules/\n*.log\ndist\n",
    ".git/info/exclude": "secret.txt\n",
    ".git/HEAD": "ref",
    "README.md": "",
    "secret.txt": "",
    "debug.log": "",
    "node_modules/x/index.js": "",
    "dist/app.js": "",
    "src/main.ts": "",
    "src/.gitignore": "generated.ts\n!important.log\n",
    "src/generated.ts": "",
    "src/important.log": "",
    "src/lib/util.ts": "",
  });
  const { files, truncated } = await listFiles(root);
  expect(truncated).toBe(false);
  expect(files).toEqual([".gitignore", "README.md", "src/.gitignore", "src/important.log", "src/lib/util.ts", "src/main.ts"]);
});

test("the walk is capped, shallow files first, and says it was cut", async () => {
  const root = tree({ "a.txt": "", "b.txt": "", "deep/er/c.txt": "", "deep/d.txt": "" });
  const { files, truncated } = await listFiles(root, { maxFiles: 3 });
  expect(truncated).toBe(true);
  expect(files).toEqual(["a.txt", "b.txt", "deep/d.txt"]);
});
