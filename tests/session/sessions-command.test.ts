import { expect, test } from "bun:test";
import { freshHome, petrel } from "../cli/print-helpers.ts";

test("petrel sessions lists id, start, message count and title, newest first", async () => {
  const home = freshHome();
  const empty = await petrel(home, ["sessions"]);
  expect(empty).toEqual({ code: 0, out: `no saved sessions yet (they are kept in ${home.sessions})\n`, err: "" });

  const fast = ["--seed", "1", "--demo-speed", "100000"];
  await petrel(home, ["-p", "fix the failing test\nplease", ...fast]);
  await petrel(home, ["-p", "explain backpressure", ...fast]);
  await petrel(home, ["--resume", "-p", "thanks", ...fast]);

  const r = await petrel(home, ["sessions"]);
  expect(r.code).toBe(0);
  const lines = r.out.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^ID +STARTED +MESSAGES +TITLE$/);
  expect(lines.slice(1).map((l) => l.replace(/^\S+ +\S+ \S+ +/, ""))).toEqual(["4  explain backpressure", "2  fix the failing test"]);
  expect(lines[1]).toMatch(/^\d{8}-\d{6}-[0-9a-f]{4}  \d{4}-\d\d-\d\d \d\d:\d\d /);

  const json = await petrel(home, ["sessions", "--json"]);
  const rows = json.out.trimEnd().split("\n").map((l) => JSON.parse(l));
  expect(rows.map((x) => [x.title, x.messages])).toEqual([
    ["explain backpressure", 4],
    ["fix the failing test", 2],
  ]);
  // An id prefix is enough to resume: the shortest that names one session (both may
  // have started in the same second, and then only the random suffix tells them apart).
  const id: string = rows[1].id;
  let length = 10;
  while (id.slice(0, length) === rows[0].id.slice(0, length)) length++;
  const prefix = id.slice(0, length);
  const again = await petrel(home, ["--resume", prefix, "-p", "--json", "more", ...fast]);
  expect(JSON.parse(again.out.split("\n")[0]!).id).toBe(rows[1].id);
});
