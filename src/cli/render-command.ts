/**
 * `petrel render [FILE|-] [--width N] [--theme dark|light] [--stream] [--color WHEN]`:
 * markdown to the terminal, like glow. Plain text when stdout is not a terminal unless
 * `--color always`; NO_COLOR and FORCE_COLOR are honoured in `auto`. `--stream` feeds the
 * text through the incremental renderer in small chunks and prints the same bytes.
 */
import { rowsToAnsi } from "../render/ansi.ts";
import { renderMarkdown } from "../render/markdown.ts";
import { MarkdownStream } from "../render/stream.ts";
import type { Row } from "../render/style.ts";
import { themeByName } from "../render/theme.ts";
import { parseFlags, UsageError } from "./flags.ts";

const options = {
  width: { type: "string", short: "w" },
  theme: { type: "string" },
  stream: { type: "boolean" },
  color: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const USAGE = `Usage: petrel render [FILE|-] [--width N] [--theme dark|light] [--stream] [--color auto|always|never]
Renders markdown from FILE (or stdin when FILE is - or absent) to stdout.
`;

/** Chunk size and update cadence of --stream: small enough to split escapes and UTF-16 pairs. */
const STREAM_CHUNK = 16;
const CHUNKS_PER_UPDATE = 8;

export function colorWanted(when: string, isTTY: boolean, env: Record<string, string | undefined>): boolean {
  if (when === "always") return true;
  if (when === "never") return false;
  if (env.NO_COLOR) return false;
  // Both variables count only when non-empty (no-color.org, force-color.org).
  if (env.FORCE_COLOR && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false") return true;
  return isTTY;
}

function streamed(source: string, width: number, theme: ReturnType<typeof themeByName>): readonly Row[] {
  const s = new MarkdownStream(width, theme);
  for (let i = 0, n = 0; i < source.length; i += STREAM_CHUNK, n++) {
    s.append(source.slice(i, i + STREAM_CHUNK));
    if (n % CHUNKS_PER_UPDATE === 0) s.update();
  }
  s.finish();
  return s.rows;
}

async function readSource(file: string): Promise<string> {
  if (file === "-") return await Bun.stdin.text();
  try {
    return await Bun.file(file).text();
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : String((err as Error).message ?? err);
    throw new ReadError(`cannot read ${file}: ${why}`);
  }
}

class ReadError extends Error {}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, options);
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`render takes one FILE, got ${positionals.length} (see petrel --help)`);
  const themeName = values.theme ?? "dark";
  if (themeName !== "dark" && themeName !== "light") throw new UsageError(`--theme must be dark or light, got "${themeName}"`);
  const when = values.color ?? "auto";
  if (when !== "auto" && when !== "always" && when !== "never") throw new UsageError(`--color must be auto, always or never, got "${when}"`);
  const isTTY = process.stdout.isTTY === true;
  let width = isTTY && process.stdout.columns ? process.stdout.columns : 80;
  if (values.width !== undefined) {
    const n = Number(values.width);
    if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new UsageError(`--width needs a whole number from 1 to 10000, got "${values.width}"`);
    width = n;
  }
  if (positionals.length === 0 && process.stdin.isTTY) throw new UsageError("render needs a FILE, or markdown on stdin (see petrel --help)");
  let source: string;
  try {
    source = await readSource(positionals[0] ?? "-");
  } catch (err) {
    if (!(err instanceof ReadError)) throw err;
    process.stderr.write(`petrel: ${err.message}\n`);
    return 1;
  }
  const theme = themeByName(themeName);
  const rows = values.stream ? streamed(source, width, theme) : renderMarkdown(source, width, theme);
  const color = colorWanted(when, isTTY, process.env);
  process.stdout.write(rowsToAnsi(rows, { color, hyperlinks: color && isTTY, width }));
  return 0;
}
