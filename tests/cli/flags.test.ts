import { expect, test } from "bun:test";
import { join } from "node:path";
import pkg from "../../package.json" with { type: "json" };

const MAIN = join(import.meta.dir, "../../src/cli/main.ts");

function petrel(...args: string[]) {
  const proc = Bun.spawnSync([process.execPath, MAIN, ...args], { stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1" } });
  return { code: proc.exitCode, out: proc.stdout.toString(), err: proc.stderr.toString() };
}

test("--help prints usage and exits 0", () => {
  for (const flag of ["--help", "-h"]) {
    const r = petrel(flag);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Usage:");
    expect(r.out).toContain("--version");
    expect(r.err).toBe("");
  }
});

test("--version prints the package version", () => {
  for (const flag of ["--version", "-v"]) {
    const r = petrel(flag);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`petrel ${pkg.version}\n`);
  }
});

test("an unknown flag is one clear line on stderr and exit code 2", () => {
  const r = petrel("--frobnicate");
  expect(r.code).toBe(2);
  expect(r.out).toBe("");
  expect(r.err).toBe("petrel: unknown option --frobnicate (see petrel --help)\n");
});

test("a flag missing its value names the flag, without a stack trace", () => {
  const r = petrel("--fps");
  expect(r.code).toBe(2);
  expect(r.err).toBe("petrel: option --fps needs a value\n");
});

test("a bad flag value is rejected with exit code 2", () => {
  const r = petrel("--fps", "fast");
  expect(r.code).toBe(2);
  expect(r.err).toBe('petrel: --fps needs a positive number, got "fast"\n');
});

test("--help names every environment variable the README documents for petrel itself", async () => {
  const readme = await Bun.file(join(import.meta.dir, "../../README.md")).text();
  // PETREL_REAL_STREAMS is the test suite's, not petrel's
  const documented = new Set([...readme.matchAll(/`([A-Z][A-Z0-9]*_[A-Z0-9_]+|NO_COLOR)`/g)].map((m) => m[1]!).filter((v) => v !== "PETREL_REAL_STREAMS"));
  expect(documented.size).toBeGreaterThan(5);
  const help = petrel("--help").out;
  for (const name of documented) expect({ name, listed: help.includes(name) }).toEqual({ name, listed: true });
});
