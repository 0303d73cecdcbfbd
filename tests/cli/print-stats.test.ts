import { expect, test } from "bun:test";
import { freshHome, petrel } from "./print-helpers.ts";

test("petrel --stats -p prints what the run cost on stderr at the end", async () => {
  const r = await petrel(freshHome(), ["--stats", "-p", "--seed", "2", "--demo-speed", "100000", "hello"]);
  expect(r.code).toBe(0);
  const last = r.err.trimEnd().split("\n").at(-1)!;
  expect(last).toMatch(/^petrel stats: \d+\.\d s · \d+\.\d KB streamed \(\d+\.\d KB\/s\) · \d+ events · \d+\.\d\d s CPU · lexed \d+\.\d\dx · heap \d+ MB · rss \d+ MB$/);
  expect(r.out).not.toContain("petrel stats");
});
