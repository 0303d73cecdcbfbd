/** Runs the petrel CLI in a child process with a clean, isolated environment. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const MAIN = join(import.meta.dir, "../../src/cli/main.ts");

export interface Home {
  dir: string;
  env: Record<string, string>;
  sessions: string;
}

/** A fresh HOME with its own XDG folders; no API keys from the machine leak in. */
export function freshHome(extra: Record<string, string> = {}): Home {
  const dir = mkdtempSync(join(tmpdir(), "petrel-cli-"));
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, "config"),
    XDG_DATA_HOME: join(dir, "data"),
    ...extra,
  };
  return { dir, env, sessions: join(dir, "data", "petrel", "sessions") };
}

export interface Result {
  code: number;
  out: string;
  err: string;
}

export async function petrel(home: Home, args: string[], stdin?: string): Promise<Result> {
  const proc = Bun.spawn([process.execPath, MAIN, ...args], {
    env: home.env,
    cwd: home.dir,
    stdin: stdin === undefined ? "ignore" : new TextEncoder().encode(stdin),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, out, err };
}
