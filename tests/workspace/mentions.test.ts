/** "@path" attachments, Tab path completion and the "!" runner, on real files and processes. */
import { expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { completePath } from "../../src/workspace/complete-path.ts";
import { attachPath, MAX_ATTACH_BYTES, mentionFor, mentions } from "../../src/workspace/mentions.ts";
import { runShell } from "../../src/workspace/shell.ts";

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), "petrel-at-"));
  mkdirSync(join(root, "src/lib"), { recursive: true });
  writeFileSync(join(root, "src/main.ts"), "one\ntwo\n");
  writeFileSync(join(root, "src/lib/util.ts"), "x");
  writeFileSync(join(root, "src/lib/uuid.ts"), "y");
  writeFileSync(join(root, "my notes.md"), "notes");
  writeFileSync(join(root, "logo.png"), new Uint8Array([0x89, 0x50, 0, 0, 1]));
  writeFileSync(join(root, "big.txt"), "z".repeat(MAX_ATTACH_BYTES + 10));
  return root;
}

test("mentions: @words once each, quoted paths, not inside words", () => {
  expect(mentions('look at @src/main.ts and @"my notes.md", mail me@example.com, again @src/main.ts @!')).toEqual([
    "src/main.ts",
    "my notes.md",
    "!",
  ]);
  expect(mentionFor("my notes.md")).toBe('@"my notes.md"');
  expect(mentionFor("src/a.ts")).toBe("@src/a.ts");
});

test("attachments: a file's content, a folder's list, binary named only, big files cut, @handles left alone", async () => {
  const root = workspace();
  expect(await attachPath(root, "src/main.ts")).toEqual({ name: "src/main.ts", text: "one\ntwo\n", summary: "2 lines, 8 B" });
  expect((await attachPath(root, "src/main.ts,"))?.name).toBe("src/main.ts");
  const folder = await attachPath(root, "src/lib");
  expect(folder?.text).toBe("util.ts\nuuid.ts");
  expect(folder?.summary).toBe("folder, 2 files listed");
  const binary = await attachPath(root, "logo.png");
  expect(binary?.summary).toMatch(/^binary, 5 B/);
  expect(binary?.text).not.toContain("\u0000");
  const big = await attachPath(root, "big.txt");
  expect(big?.summary).toBe("first 256 KB of 256 KB");
  expect(big?.text).toContain("(cut: the first");
  expect(await attachPath(root, "bob")).toBeNull();
});

test("Tab completes a path like a shell: common prefix, a slash after a lone folder", async () => {
  const root = workspace();
  expect(await completePath(root, "sr")).toEqual({ word: "src/", candidates: [] });
  expect(await completePath(root, "src/m")).toEqual({ word: "src/main.ts", candidates: [] });
  expect(await completePath(root, "src/lib/u")).toEqual({ word: "src/lib/u", candidates: ["util.ts", "uuid.ts"] });
  expect(await completePath(root, "nothing/here")).toEqual({ word: "nothing/here", candidates: [] });
});

test("!: output in order from both streams, the exit code, a cap, and cancel stops the whole group", async () => {
  const root = workspace();
  let out = "";
  const ok = runShell("echo out; echo err >&2; exit 3", root, (t) => (out += t));
  expect(await ok.done).toEqual({ code: 3, cancelled: false, droppedBytes: 0 });
  expect(out.split("\n").sort()).toEqual(["", "err", "out"]);

  let capped = "";
  const big = runShell("head -c 5000 /dev/zero | tr '\\0' x", root, (t) => (capped += t), 1000);
  const r = await big.done;
  expect(capped.length).toBeGreaterThanOrEqual(1000);
  expect(capped.length + r.droppedBytes).toBe(5000);

  const slow = runShell("sleep 30 | cat", root, () => {});
  slow.cancel();
  const c = await slow.done;
  expect(c.cancelled).toBe(true);
});
