/** `ls {path?}`: one folder's entries, folders first, what .gitignore leaves out counted but not listed. */
import { readdirSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { ignored } from "../workspace/files.ts";
import { jsonSchema, parseArgs } from "./args.ts";
import { resolvePath } from "./paths.ts";
import { ToolArgumentError, type Tool, type ToolResult } from "./tool.ts";
import { rulesFor } from "./walk.ts";

const Args = z.object({ path: z.string().optional().describe("Folder to list, relative to the workspace (default: the workspace root)") });

const MAX_ENTRIES = 1000;

export const lsTool: Tool = {
  name: "ls",
  description: "List the entries of a folder (folders end with /). Entries ignored by .gitignore are counted, not listed.",
  parameters: jsonSchema(Args),
  kind: "read",
  subject(args, workspace) {
    const { path = "." } = parseArgs("ls", Args, args);
    const target = resolvePath(workspace, path);
    return { title: `List ${target.display}`, paths: [target.abs] };
  },
  async run(args, ctx) {
    const { path = "." } = parseArgs("ls", Args, args);
    const target = resolvePath(ctx.workspace, path);
    return listFolder(ctx.workspace, target.abs, target.inside ? target.display : undefined);
  },
};

/** Also what `read` shows for a folder. `relToWorkspace` is undefined outside the workspace (no gitignore applies then). */
export function listFolder(workspace: string, abs: string, relToWorkspace: string | undefined): ToolResult {
  let entries;
  try {
    entries = readdirSync(abs, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new ToolArgumentError(`no such folder: ${abs}`);
    if (code === "ENOTDIR") throw new ToolArgumentError(`${abs} is a file, not a folder: use read`);
    throw err;
  }
  const rel = relToWorkspace === undefined || relToWorkspace === "." ? "" : relToWorkspace;
  const rules = relToWorkspace === undefined ? [] : rulesFor(workspace, rel);
  const dirs: string[] = [];
  const others: string[] = [];
  let hidden = 0;
  for (const entry of entries) {
    const isDir = entry.isDirectory();
    if (entry.name === ".git" && isDir) {
      hidden++;
      continue;
    }
    if (ignored(rules, rel ? `${rel}/${entry.name}` : entry.name, isDir)) {
      hidden++;
      continue;
    }
    if (isDir) dirs.push(`${entry.name}/`);
    else if (entry.isSymbolicLink()) others.push(`${entry.name} -> ${safeReadlink(join(abs, entry.name))}`);
    else others.push(entry.name);
  }
  dirs.sort();
  others.sort();
  const all = [...dirs, ...others];
  const shown = all.slice(0, MAX_ENTRIES);
  const notes: string[] = [];
  if (all.length > shown.length) notes.push(`${all.length - shown.length} more entries not shown`);
  if (hidden > 0) notes.push(`${hidden} ignored (.git, .gitignore) not shown`);
  const body = shown.length > 0 ? shown.join("\n") : "(empty folder)";
  return {
    output: notes.length > 0 ? `${body}\n[${notes.join("; ")}]` : body,
    summary: `${all.length} ${all.length === 1 ? "entry" : "entries"}`,
  };
}

function safeReadlink(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return "?";
  }
}
