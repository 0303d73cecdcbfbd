import { existsSync } from "node:fs";
import { dirname, join, resolve as resolvePath } from "node:path";
import { loadCustomCommands } from "../config/commands.ts";
import { userCommandsDir } from "../config/paths.ts";
import type { Session } from "../session/session.ts";
import { SessionStore } from "../session/store.ts";
import type { AppOptions } from "../view/app.ts";
import { writeHeapSnapshot } from "../view/heap-snapshot.ts";
import { CHAT_OPTIONS } from "./chat-options.ts";
import { modelFigures } from "../config/model-figures.ts";
import { providerSpec } from "../config/resolve.ts";
import { listModels } from "../provider/models.ts";
import { openSession } from "./open-session.ts";
import { parseFlags, positiveNumber, UsageError } from "./flags.ts";
import { HELP } from "./help.ts";
import { closablePipe, runPrint, type PrintFormat } from "./print-mode.ts";
import { watchPrintStats } from "./print-stats.ts";
import { settingsFrom } from "./settings.ts";
import { VERSION } from "./version.ts";

/**
 * The default command: the interactive chat, or one answer with -p. Positionals are
 * an optional session id after --resume, then the prompt (for -p, or the first message
 * of the interactive chat).
 */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, CHAT_OPTIONS, true);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`petrel ${VERSION}\n`);
    return 0;
  }
  const fps = positiveNumber("fps", values.fps, 30);
  if (values.json && !values.print) throw new UsageError("--json goes with -p (print mode)");
  if (values.color !== undefined && !values.print) throw new UsageError("--color goes with -p (print mode)");
  const settings = settingsFrom(values);
  const store = new SessionStore(settings.sessionsDir);

  // the full-screen chat needs a terminal on both ends; without one, a prompt gets one printed answer
  const printing = values.print === true || !(process.stdin.isTTY === true && process.stdout.isTTY === true);
  let rest = positionals;
  let resumeId: string | undefined;
  if (values.resume && rest.length > 0 && (!printing || rest.length > 1 || isSessionId(store, rest[0]!))) {
    resumeId = rest[0];
    rest = rest.slice(1);
  }
  const prompt = printing ? await promptFrom(rest) : "";
  if (printing && !values.print && prompt.trim() === "")
    throw new UsageError('the chat needs a terminal; to print one answer, give a prompt: petrel -p "…" or on standard input');
  const session = openSession(settings, { resume: values.resume ? (resumeId ?? true) : false });

  if (printing) {
    if (prompt.trim() === "") throw new UsageError("-p needs a prompt, as an argument or on standard input");
    const tty = process.stdout.isTTY === true;
    // A reader that stops early (`| head`) ends the turn; that is not an error.
    let readerGone = false;
    const stdout = closablePipe(process.stdout, () => {
      readerGone = true;
      session.cancel();
    });
    const stats = values.stats ? watchPrintStats(session) : null;
    const code = await runPrint(session, prompt, printFormat(values.json === true, values.color, tty), {
      stdout,
      stderr: process.stderr,
      stderrTTY: process.stderr.isTTY === true,
      stdoutTTY: tty,
      width: process.stdout.columns || 80,
      height: tty ? process.stdout.rows || 24 : 0,
      color: values.color === "always" || !process.env.NO_COLOR,
      theme: themeName(values.theme),
    });
    if (stats) process.stderr.write(`${stats()}\n`);
    if (values["heap-snapshot"] !== undefined) writeHeapSnapshot(resolvePath(values["heap-snapshot"]));
    return readerGone ? 0 : code;
  }
  if (rest.length > 1) throw new UsageError(`unexpected argument "${rest[1]}" (quote a prompt that has spaces)`);
  if (rest[0] !== undefined) session.send(rest[0]);
  const { runApp } = await import("../view/app.ts");
  const app: AppOptions = {
    session,
    fps,
    stats: values.stats === true,
    theme: themeName(values.theme),
    dataDir: dirname(settings.sessionsDir),
    customCommands: loadCustomCommands([
      { dir: join(process.cwd(), ".petrel", "commands"), source: "project" },
      { dir: userCommandsDir(process.env), source: "user" },
    ]),
    services: {
      cwd: process.cwd(),
      listModels: (signal) => listModels(providerSpec(settings, session.provider.model), signal),
      sessions: store,
      figures: modelFigures(settings.file.values, settings.provider.value),
    },
    ...(values["heap-snapshot"] !== undefined && { heapSnapshotOnExit: resolvePath(values["heap-snapshot"]) }),
  };
  const code = await runApp(app);
  // quitting mid-answer ends the turn (and its connection) instead of waiting for the download
  session.cancel();
  await session.flush();
  const resume = resumeLine(session);
  if (resume) process.stdout.write(resume);
  return code;
}

/** Printed when the chat ends: which session this was and how to continue it. */
export function resumeLine(session: Session): string | null {
  const log = session.logPath;
  if (log === undefined || !existsSync(log)) return null;
  return `petrel: session ${session.id} saved; continue it with: petrel --resume ${session.id}\n`;
}

function themeName(value: string | undefined): "dark" | "light" {
  if (value === undefined || value === "dark" || value === "light") return value ?? "dark";
  throw new UsageError(`--theme takes dark or light, got "${value}"`);
}

function isSessionId(store: SessionStore, text: string): boolean {
  try {
    store.resolve(text);
    return true;
  } catch {
    return false;
  }
}

/** The prompt argument, and piped standard input after it (`cat log | petrel -p "why?"`). */
async function promptFrom(args: string[]): Promise<string> {
  const parts = args.length > 0 ? [args.join(" ")] : [];
  if (!process.stdin.isTTY) {
    const piped = await Bun.stdin.text();
    if (piped.trim() !== "") parts.push(piped);
  }
  return parts.join("\n\n");
}

/**
 * Rendered on a terminal, raw markdown into a pipe. `--color always` (or FORCE_COLOR,
 * the common convention) renders into a pipe too; `--color never` prints raw markdown.
 */
function printFormat(json: boolean, color: string | undefined, tty: boolean): PrintFormat {
  if (color !== undefined && !["auto", "always", "never"].includes(color))
    throw new UsageError(`--color takes auto, always or never, got "${color}"`);
  if (json) return "json";
  if (color === "always") return "rendered";
  if (color === "never") return "raw";
  const force = process.env.FORCE_COLOR;
  return tty || (force !== undefined && force !== "" && force !== "0") ? "rendered" : "raw";
}
