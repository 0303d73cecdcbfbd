/** `bun run bench --quick` runs every section at small sizes and exits 0. */
import { expect, test } from "bun:test";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");

test("bun run bench --quick prints every section and exits 0", async () => {
  const proc = Bun.spawn([process.execPath, "run", "bench", "--quick"], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  const [out, err] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
  const code = await proc.exited;
  if (code !== 0) console.error(err.slice(-4000));
  expect(code).toBe(0);
  // the tui section: every strategy, the ratios and the targets
  expect(out).toMatch(/^tui — 120x40 test renderer/m);
  for (const label of ["petrel", "naive", "idiomatic", "harness only", "vs petrel:", "scaling, per-frame cost", "targets:"]) expect(out).toContain(label);
  expect(out).toMatch(/(PASS|MISS) {2}bytes lexed per streamed byte/);
  // the long section
  expect(out).toMatch(/^long — 12 simulated minutes/m);
  expect(out).toMatch(/(PASS|MISS) {2}heap after GC, growth/);
  // the render section
  expect(out).toMatch(/^render — /m);
  expect(out).not.toContain("FAILED RUN");
}, 120_000);
