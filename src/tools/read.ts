/**
 * `read {path, offset?, limit?}`: a file as numbered lines, capped (2,000 lines, 2,000
 * characters a line, 50 KB) with a note saying what was cut and how to read on. A folder
 * lists its entries; a binary file is refused with a note. Streams the file, so a huge
 * log costs what is shown, not its size.
 */
import { openSync, readSync, closeSync, statSync } from "node:fs";
import { extname } from "node:path";
import { z } from "zod";
import { jsonSchema, parseArgs } from "./args.ts";
import { listFolder } from "./ls.ts";
import { resolvePath } from "./paths.ts";
import { ToolArgumentError, type Tool, type ToolResult } from "./tool.ts";

const Args = z.object({
  path: z.string().describe("File to read, relative to the workspace or absolute"),
  offset: z.number().int().min(1).optional().describe("First line to read, 1-based (default 1)"),
  limit: z.number().int().min(1).optional().describe(`How many lines to read (default and most: 2000)`),
});

export const READ_MAX_LINES = 2000;
export const READ_MAX_LINE_CHARS = 2000;
export const READ_MAX_BYTES = 50 * 1024;
/** Past this size lines are no longer counted after the part shown. */
const COUNT_ALL_LINES_BELOW = 32 * 1024 * 1024;
const SNIFF_BYTES = 8192;

export const readTool: Tool = {
  name: "read",
  description:
    "Read a file as numbered lines (at most 2000 lines, 50 KB; use offset and limit to read on). A folder lists its entries.",
  parameters: jsonSchema(Args),
  kind: "read",
  subject(args, workspace) {
    const { path } = parseArgs("read", Args, args);
    const target = resolvePath(workspace, path);
    return { title: `Read ${target.display}`, paths: [target.abs] };
  },
  async run(args, ctx) {
    const { path, offset = 1, limit = READ_MAX_LINES } = parseArgs("read", Args, args);
    const target = resolvePath(ctx.workspace, path);
    let stat;
    try {
      stat = statSync(target.abs);
    } catch {
      throw new ToolArgumentError(`no such file: ${target.display}`);
    }
    if (stat.isDirectory()) return listFolder(ctx.workspace, target.abs, target.inside ? target.display : undefined);
    if (isBinary(target.abs))
      return { output: `${target.display} is a binary file (${describeSize(stat.size)}${kindOf(target.abs)}); not shown`, summary: "binary" };
    const result = await numberedLines(target.abs, offset, Math.min(limit, READ_MAX_LINES), stat.size, ctx.signal);
    ctx.files.markRead(target.abs);
    return result;
  },
};

/** A NUL byte in the first 8 KB, as git and ripgrep decide. */
export function isBinary(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = readSync(fd, buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, n).includes(0);
  } finally {
    closeSync(fd);
  }
}

async function numberedLines(path: string, start: number, limit: number, size: number, signal: AbortSignal): Promise<ToolResult> {
  const out: string[] = [];
  let bytes = 0;
  let lineNo = 0;
  let last = start - 1;
  let cappedBytes = false;
  let longLines = 0;
  let complete = true;
  const end = start + limit; // first line not wanted
  const take = (raw: string): boolean => {
    lineNo++;
    if (lineNo < start) return true;
    if (lineNo >= end || cappedBytes) return size < COUNT_ALL_LINES_BELOW; // only counting from here
    let line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.length > READ_MAX_LINE_CHARS) {
      longLines++;
      line = `${line.slice(0, READ_MAX_LINE_CHARS)}… [${line.length - READ_MAX_LINE_CHARS} more characters]`;
    }
    const formatted = `${String(lineNo).padStart(6)}\t${line}`;
    if (bytes + formatted.length + 1 > READ_MAX_BYTES && out.length > 0) {
      cappedBytes = true;
      return size < COUNT_ALL_LINES_BELOW;
    }
    out.push(formatted);
    bytes += formatted.length + 1;
    last = lineNo;
    return true;
  };
  const decoder = new TextDecoder();
  let carry = "";
  reading: for await (const chunk of Bun.file(path).stream()) {
    if (signal.aborted) throw new Error("interrupted");
    const parts = (carry + decoder.decode(chunk, { stream: true })).split("\n");
    carry = parts.pop()!;
    for (const part of parts)
      if (!take(part)) {
        complete = false;
        break reading;
      }
  }
  if (complete) {
    carry += decoder.decode();
    if (carry !== "") take(carry);
  }
  const total = complete ? lineNo : undefined;
  const of = total === undefined ? "" : ` of ${total}`;
  if (total === 0) return { output: "(empty file)", summary: "0 lines" };
  if (out.length === 0) return { output: `the file has ${total} ${total === 1 ? "line" : "lines"}; offset ${start} is past its end`, summary: "0 lines", isError: true };
  const notes: string[] = [];
  const more = total === undefined || last < total;
  if (cappedBytes) notes.push(`stopped at ${READ_MAX_BYTES / 1024} KB: lines ${start}-${last}${of} shown; read on with offset=${last + 1}`);
  else if (more) notes.push(`lines ${start}-${last}${of} shown; read on with offset=${last + 1}`);
  if (longLines > 0) notes.push(`${longLines} ${longLines === 1 ? "line was" : "lines were"} longer than ${READ_MAX_LINE_CHARS} characters and cut`);
  const body = out.join("\n");
  return { output: notes.length > 0 ? `${body}\n[${notes.join("; ")}]` : body, summary: `${out.length} lines` };
}

function describeSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const KINDS: Record<string, string> = {
  ".png": "PNG image", ".jpg": "JPEG image", ".jpeg": "JPEG image", ".gif": "GIF image", ".webp": "WebP image",
  ".pdf": "PDF document", ".zip": "zip archive", ".gz": "gzip archive", ".wasm": "WebAssembly module",
};

function kindOf(path: string): string {
  const kind = KINDS[extname(path).toLowerCase()];
  return kind ? `, ${kind}` : "";
}
