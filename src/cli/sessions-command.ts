/** `petrel sessions`: the saved sessions, newest first, to pick one for --resume. */
import { SessionStore, type SessionSummary } from "../session/store.ts";
import { parseFlags } from "./flags.ts";
import { settingsFrom } from "./settings.ts";

const options = { help: { type: "boolean", short: "h" }, json: { type: "boolean" } } as const;

export const SESSIONS_HELP = `petrel sessions — list saved sessions

Usage:
  petrel sessions [--json]

Lists each session's id, start date, title (its first prompt) and number of
messages, newest first. Continue one with petrel --resume ID (an unambiguous
prefix of the id is enough; petrel --resume alone takes the latest).
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, options, false);
  if (values.help) {
    process.stdout.write(SESSIONS_HELP);
    return 0;
  }
  const store = new SessionStore(settingsFrom({}).sessionsDir);
  const sessions = store.list();
  if (values.json) {
    for (const s of sessions)
      process.stdout.write(`${JSON.stringify({ id: s.id, created: s.created.toISOString(), updated: s.updated.toISOString(), title: s.title, messages: s.messages })}\n`);
    return 0;
  }
  process.stdout.write(sessions.length === 0 ? `no saved sessions yet (they are kept in ${store.dir})\n` : formatSessions(sessions));
  return 0;
}

export function formatSessions(sessions: SessionSummary[]): string {
  const rows = sessions.map((s) => [s.id, localDate(s.created), String(s.messages), oneLine(s.title)] as const);
  const idWidth = Math.max(2, ...rows.map((r) => r[0].length));
  const lines = [`${"ID".padEnd(idWidth)}  ${"STARTED".padEnd(16)}  MESSAGES  TITLE`];
  for (const [id, date, count, title] of rows) lines.push(`${id.padEnd(idWidth)}  ${date}  ${count.padStart(8)}  ${title}`);
  return `${lines.join("\n")}\n`;
}

export function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Titles are model-free user text, but still: no control characters, and short. */
function oneLine(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
  return clean.length > 60 ? `${clean.slice(0, 59)}…` : clean;
}
