import { expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

test("petrel --stats -p prints what the run cost on stderr at the end", () => {
  const home = mkdtempSync(join(tmpdir(), "petrel-stats-"));
  const proc = Bun.spawnSync(
    [process.execPath, join(import.meta.dir, "../../src/cli/main.ts"), "--stats", "-p", "--seed", "2", "--demo-speed", "100000", "hello"],
    { env: { PATH: process.env.PATH ?? "", HOME: home, XDG_DATA_HOME: join(home, "data"), XDG_CONFIG_HOME: join(home, "config") }, stdout: "pipe", stderr: "pipe" },
  );
  expect(proc.exitCode).toBe(0);
  const stderr = proc.stderr.toString();
  const last = stderr.trimEnd().split("\n").at(-1)!;
  expect(last).toMatch(/^petrel stats: \d+\.\d s · \d+\.\d KB streamed \(\d+\.\d KB\/s\) · \d+ events · \d+\.\d\d s CPU · lexed \d+\.\d\dx · heap \d+ MB · rss \d+ MB$/);
  expect(proc.stdout.toString()).not.toContain("petrel stats");
});
