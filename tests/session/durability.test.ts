/**
 * kill -9 in the middle of a streamed answer: the log on disk must hold everything
 * but (at most) the last 250 ms, and the session must resume from it.
 */
import { expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DemoProvider } from "../../src/provider/demo/demo.ts";
import { parseLog } from "../../src/provider/recording.ts";
import { Session } from "../../src/session/session.ts";
import { SessionStore } from "../../src/session/store.ts";
import { freshHome, MAIN, petrel } from "../cli/print-helpers.ts";

const CPS = 4000;

test("kill -9 mid-stream loses at most the last 250 ms; the session resumes", async () => {
  const home = freshHome();
  const proc = Bun.spawn([process.execPath, MAIN, "-p", "stress", "--seed", "1", "--demo-speed", String(CPS)], {
    env: home.env,
    cwd: home.dir,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "ignore",
  });
  const reader = proc.stdout.getReader();
  const decoder = new TextDecoder();
  let shown = "";
  while (shown.length < 8000) {
    const { done, value } = await reader.read();
    if (done) throw new Error("the answer ended before the kill");
    shown += decoder.decode(value, { stream: true });
  }
  proc.kill("SIGKILL");
  await proc.exited;
  expect(proc.signalCode).toBe("SIGKILL");

  const [file] = readdirSync(home.sessions);
  const parsed = parseLog(readFileSync(join(home.sessions, file!), "utf8"));
  expect(parsed.damaged).toBe(0);
  const logged = parsed.records.flatMap((r) => (r.type === "event" && r.event.type === "text_delta" ? [r.event.text] : [])).join("");
  // Same text, and the log is behind what was shown by no more than ~250 ms of typing
  // (plus scheduling slack on a busy machine).
  const common = Math.min(logged.length, shown.length);
  expect(logged.slice(0, common)).toBe(shown.slice(0, common));
  expect(logged.length).toBeGreaterThanOrEqual(shown.length - CPS * 0.25 - 1200);
  expect(parsed.records.some((r) => r.type === "event" && r.event.type === "turn_end")).toBe(false);

  // Resuming restores the partial answer, marked interrupted, and closes the turn.
  const store = new SessionStore(home.sessions);
  const session = Session.resume({ connect: () => new DemoProvider({ seed: 1 }), model: "petrel-demo", store });
  const text = session.transcript.blocks.filter((b) => b.kind === "text").at(-1)!;
  expect(text).toMatchObject({ interrupted: true, streaming: false });
  expect((text as { text: string }).text.length).toBeGreaterThan(1000);

  // And the CLI continues it.
  const again = await petrel(home, ["--resume", "-p", "--json", "hello", "--seed", "1", "--demo-speed", "100000"]);
  expect(again.code).toBe(0);
  expect(JSON.parse(again.out.split("\n")[0]!).id).toBe(file!.replace(".jsonl", ""));
  const users = parseLog(readFileSync(join(home.sessions, file!), "utf8")).records.filter((r) => r.type === "user");
  expect(users.map((u) => (u.type === "user" ? u.text : ""))).toEqual(["stress", "hello"]);
});
