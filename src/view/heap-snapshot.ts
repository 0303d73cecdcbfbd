import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Writes a V8-format heap snapshot (Chrome DevTools → Memory → Load) and returns its path. */
export function writeHeapSnapshot(path: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, new Uint8Array(Bun.generateHeapSnapshot("v8", "arraybuffer")), { mode: 0o600 });
  return path;
}

/** A fresh snapshot path in the data folder, named by time so snapshots sort. */
export function snapshotPathIn(dataDir: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  return join(dataDir, "heap", `petrel-${stamp}.heapsnapshot`);
}
