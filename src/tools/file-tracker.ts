/**
 * The files read in this session, so write and edit refuse to overwrite what the model
 * has not seen or what changed on disk since (an editor, a formatter, git). Same mtime
 * and size means unchanged; otherwise a content hash decides, so a `touch` is no change.
 */
import { readFileSync, statSync } from "node:fs";
import type { FileTracker } from "./tool.ts";

interface Seen {
  mtimeMs: number;
  size: number;
  hash: bigint | number;
}

export class SessionFiles implements FileTracker {
  private readonly seen = new Map<string, Seen>();

  markRead(path: string): void {
    try {
      const stat = statSync(path);
      this.seen.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, hash: Bun.hash(readFileSync(path)) });
    } catch {
      this.seen.delete(path);
    }
  }

  checkWritable(path: string): string | undefined {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return undefined; // a new file may always be created
    }
    const seen = this.seen.get(path);
    if (!seen) return "it was not read in this session: read it first, then write or edit it";
    if (stat.mtimeMs === seen.mtimeMs && stat.size === seen.size) return undefined;
    if (Bun.hash(readFileSync(path)) === seen.hash) {
      this.seen.set(path, { ...seen, mtimeMs: stat.mtimeMs, size: stat.size });
      return undefined;
    }
    return `it changed on disk since it was read (modified ${new Date(stat.mtimeMs).toISOString()}): read it again before writing`;
  }
}
