/**
 * The folder of session logs: naming (time-sortable ids), finding one by id, id
 * prefix or "latest", and the summaries `petrel sessions` lists. Summaries are read
 * by scanning lines, not by replaying events, so listing stays fast with large logs.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export interface SessionSummary {
  id: string;
  path: string;
  /** When the session started (from its header, else the file's mtime). */
  created: Date;
  updated: Date;
  /** The first line of the first prompt. */
  title: string;
  /** Prompts plus answers. */
  messages: number;
}

export class SessionNotFound extends Error {
  override name = "SessionNotFound";
}

const SUFFIX = ".jsonl";

export class SessionStore {
  constructor(readonly dir: string) {}

  /** A new id: UTC start time (sorts by age) plus 4 random hex digits. */
  newId(nowMs: number): string {
    const iso = new Date(nowMs).toISOString();
    const stamp = `${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}`;
    const rand = crypto.getRandomValues(new Uint16Array(1))[0]!.toString(16).padStart(4, "0");
    return `${stamp}-${rand}`;
  }

  pathFor(id: string): string {
    return join(this.dir, `${id}${SUFFIX}`);
  }

  ids(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    return names.filter((n) => n.endsWith(SUFFIX)).map((n) => n.slice(0, -SUFFIX.length));
  }

  /** The id for `query` (a full id or a unique prefix), or the latest session without one. */
  resolve(query?: string): string {
    const ids = this.ids();
    if (query === undefined) {
      let latest: { id: string; mtime: number } | undefined;
      for (const id of ids) {
        const mtime = statSync(this.pathFor(id)).mtimeMs;
        if (!latest || mtime > latest.mtime || (mtime === latest.mtime && id > latest.id)) latest = { id, mtime };
      }
      if (!latest) throw new SessionNotFound(`no saved sessions in ${this.dir}`);
      return latest.id;
    }
    if (ids.includes(query)) return query;
    const matches = ids.filter((id) => id.startsWith(query));
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1)
      throw new SessionNotFound(`"${query}" matches ${matches.length} sessions (${matches.slice(0, 3).join(", ")}…); give more of the id`);
    throw new SessionNotFound(`no session "${query}" in ${this.dir} (see petrel sessions)`);
  }

  /** Every session, newest first. */
  list(): SessionSummary[] {
    const out: SessionSummary[] = [];
    for (const id of this.ids()) {
      const path = this.pathFor(id);
      try {
        out.push(summarize(id, path, readFileSync(path, "utf8"), statSync(path).mtime));
      } catch {
        // unreadable (permissions, vanished): leave it out of the list
      }
    }
    return out.sort((a, b) => b.updated.getTime() - a.updated.getTime() || (a.id < b.id ? 1 : -1));
  }
}

const ANSWER_EVENTS = ['"event":{"type":"text_delta"', '"event":{"type":"tool_call_start"', '"event":{"type":"reasoning_delta"'];

function summarize(id: string, path: string, text: string, mtime: Date): SessionSummary {
  let created = mtime;
  let title = "";
  let messages = 0;
  let answered = true;
  for (const line of text.split("\n")) {
    if (line.startsWith('{"type":"user"')) {
      messages++;
      answered = false;
      if (title === "") title = firstLine(line);
    } else if (!answered && line.startsWith('{"type":"event"') && ANSWER_EVENTS.some((k) => line.includes(k))) {
      messages++;
      answered = true;
    } else if (line.startsWith('{"type":"session"')) {
      try {
        const header = JSON.parse(line) as { created?: string };
        if (header.created) created = new Date(header.created);
      } catch {}
    }
  }
  return { id, path, created, updated: mtime, title, messages };
}

function firstLine(line: string): string {
  try {
    const text = (JSON.parse(line) as { text?: string }).text ?? "";
    return text.trim().split("\n")[0] ?? "";
  } catch {
    return "";
  }
}
