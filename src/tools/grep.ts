/**
 * `grep {pattern, path?, glob?, ignore_case?, literal?}`: lines matching a regular
 * expression as `file:line:text`, 100 at most. ripgrep when it is on PATH, else a
 * built-in walk over the same files (both honour .gitignore, skip .git and binary files,
 * and do not follow symlinks).
 */
import { lstatSync, statSync } from "node:fs";
import { basename, relative } from "node:path";
import { z } from "zod";
import { jsonSchema, parseArgs } from "./args.ts";
import { isInside, resolvePath, type ResolvedPath } from "./paths.ts";
import { ToolArgumentError, type Tool, type ToolContext, type ToolResult } from "./tool.ts";
import { filesUnder } from "./walk.ts";

const Args = z.object({
  pattern: z.string().min(1).describe("Regular expression to search for (or plain text with literal: true)"),
  path: z.string().optional().describe("File or folder to search (default: the workspace root)"),
  glob: z.string().optional().describe('Only files matching this glob, e.g. "*.ts" (without a / it matches file names at any depth)'),
  ignore_case: z.boolean().optional(),
  literal: z.boolean().optional().describe("Treat pattern as plain text, not a regular expression"),
});
type GrepArgs = z.infer<typeof Args>;

export const GREP_MAX_MATCHES = 100;
const MAX_LINE_CHARS = 500;
/** Larger files are skipped by the built-in search (ripgrep streams them). */
const BUILTIN_MAX_FILE_BYTES = 32 * 1024 * 1024;

export interface GrepOptions {
  /** ripgrep's path, or null for the built-in search. */
  ripgrep: string | null;
}

export function createGrepTool(options: GrepOptions): Tool {
  return {
    name: "grep",
    description:
      "Search file contents with a regular expression; prints file:line:text, at most 100 matches. Honours .gitignore.",
    parameters: jsonSchema(Args),
    kind: "read",
    subject(args, workspace) {
      const parsed = parseArgs("grep", Args, args);
      compile(parsed); // a bad pattern is the model's mistake, said before anything runs
      const target = resolvePath(workspace, parsed.path ?? ".");
      return { title: `Grep ${parsed.pattern}${target.display === "." ? "" : ` in ${target.display}`}`, paths: [target.abs] };
    },
    async run(args, ctx) {
      const parsed = parseArgs("grep", Args, args);
      const regex = compile(parsed);
      const target = resolvePath(ctx.workspace, parsed.path ?? ".");
      try {
        statSync(target.abs);
      } catch {
        throw new ToolArgumentError(`no such file or folder: ${target.display}`);
      }
      const found = options.ripgrep
        ? await withRipgrep(options.ripgrep, parsed, target, ctx)
        : await builtin(regex, parsed.glob, target, ctx);
      return report(parsed.pattern, target, found);
    },
  };
}

interface Found {
  lines: string[];
  /** More matches exist than were kept. */
  more: boolean;
  note?: string;
}

function compile(args: GrepArgs): RegExp {
  const source = args.literal ? args.pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : args.pattern;
  try {
    return new RegExp(source, args.ignore_case ? "i" : "");
  } catch (err) {
    throw new ToolArgumentError(`invalid regular expression ${JSON.stringify(args.pattern)}: ${(err as Error).message} (set literal: true to search plain text)`);
  }
}

function report(pattern: string, target: ResolvedPath, found: Found): ToolResult {
  const where = target.display === "." ? "" : ` in ${target.display}`;
  const notes = found.note ? [found.note] : [];
  if (found.lines.length === 0) {
    const body = `no matches for ${JSON.stringify(pattern)}${where}`;
    return { output: notes.length > 0 ? `${body}\n[${notes.join("; ")}]` : body, summary: "0 matches" };
  }
  if (found.more) notes.unshift(`the first ${GREP_MAX_MATCHES} matches shown; narrow the pattern, the path or the glob`);
  const body = found.lines.join("\n");
  const n = found.lines.length;
  return {
    output: notes.length > 0 ? `${body}\n[${notes.join("; ")}]` : body,
    summary: `${n}${found.more ? "+" : ""} ${n === 1 ? "match" : "matches"}`,
  };
}

function clip(line: string): string {
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… [line cut]` : line;
}

async function withRipgrep(rg: string, args: GrepArgs, target: ResolvedPath, ctx: ToolContext): Promise<Found> {
  const argv = [rg, "--no-config", "--line-number", "--no-heading", "--with-filename", "--color=never", "--no-require-git", "--hidden"];
  argv.push("--glob", "!.git", "--sort", "path", "--max-columns", String(MAX_LINE_CHARS), "--max-columns-preview");
  if (args.ignore_case) argv.push("--ignore-case");
  if (args.literal) argv.push("--fixed-strings");
  if (args.glob) argv.push("--glob", args.glob);
  argv.push("--regexp", args.pattern);
  // inside the workspace rg prints paths relative to it, like the built-in search
  if (!target.inside) argv.push("--", target.abs);
  else if (target.display !== ".") argv.push("--", target.display);
  const proc = Bun.spawn(argv, { cwd: ctx.workspace, stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  const onAbort = () => proc.kill();
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  const lines: string[] = [];
  let more = false;
  try {
    const decoder = new TextDecoder();
    let carry = "";
    reading: for await (const chunk of proc.stdout) {
      const parts = (carry + decoder.decode(chunk, { stream: true })).split("\n");
      carry = parts.pop()!;
      for (const part of parts) {
        if (lines.length === GREP_MAX_MATCHES) {
          more = true;
          proc.kill();
          break reading;
        }
        lines.push(clip(part));
      }
    }
    const code = await proc.exited;
    if (ctx.signal.aborted) throw new Error("interrupted");
    if (code === 2 && !more) {
      const err = (await new Response(proc.stderr).text()).trim().split("\n").slice(0, 5).join("\n");
      if (lines.length === 0) throw new ToolArgumentError(`ripgrep: ${err || "failed"}`);
      return { lines, more, note: `some files could not be searched: ${err}` };
    }
    return { lines, more };
  } finally {
    ctx.signal.removeEventListener("abort", onAbort);
  }
}

async function builtin(regex: RegExp, glob: string | undefined, target: ResolvedPath, ctx: ToolContext): Promise<Found> {
  const only = glob ? globFilter(glob) : undefined;
  const single = !statSync(target.abs).isDirectory();
  const walked = single ? { files: [target.abs], truncated: false } : await filesUnder(ctx.workspace, target.abs, ctx.signal);
  const lines: string[] = [];
  for (const file of walked.files) {
    if (ctx.signal.aborted) throw new Error("interrupted");
    if (only && !single && !only(relative(target.abs, file))) continue;
    let bytes: Uint8Array;
    try {
      const stat = lstatSync(file);
      if (!stat.isFile() || stat.size > BUILTIN_MAX_FILE_BYTES) continue;
      bytes = await Bun.file(file).bytes();
    } catch {
      continue; // vanished or unreadable
    }
    if (bytes.subarray(0, 8192).includes(0)) continue; // binary
    const shown = isInside(ctx.workspace, file) ? relative(ctx.workspace, file) : file;
    const text = new TextDecoder().decode(bytes).split("\n");
    for (let i = 0; i < text.length; i++) {
      const line = text[i]!.endsWith("\r") ? text[i]!.slice(0, -1) : text[i]!;
      if (!regex.test(line)) continue;
      if (lines.length === GREP_MAX_MATCHES) return { lines, more: true };
      lines.push(clip(`${shown}:${i + 1}:${line}`));
    }
  }
  return { lines, more: false, note: walked.truncated ? "the folder has more files than were searched" : undefined };
}

/** ripgrep's --glob: without a slash it matches the file name at any depth; a leading ! excludes. */
function globFilter(pattern: string): (rel: string) => boolean {
  const negate = pattern.startsWith("!");
  const body = negate ? pattern.slice(1) : pattern;
  const glob = new Bun.Glob(body);
  const byName = !body.includes("/");
  return (rel) => glob.match(byName ? basename(rel) : rel) !== negate;
}
