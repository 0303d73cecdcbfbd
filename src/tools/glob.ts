/** `glob {pattern, path?}`: files matching a glob, gitignore-aware, newest first, 100 at most. */
import { statSync } from "node:fs";
import { relative } from "node:path";
import { z } from "zod";
import { jsonSchema, parseArgs } from "./args.ts";
import { isInside, resolvePath } from "./paths.ts";
import { ToolArgumentError, type Tool } from "./tool.ts";
import { filesUnder } from "./walk.ts";

const Args = z.object({
  pattern: z.string().min(1).describe('Glob relative to the search folder, e.g. "**/*.ts" or "src/*.{ts,tsx}" (* stays in one folder, ** crosses folders)'),
  path: z.string().optional().describe("Folder to search in (default: the workspace root)"),
});

export const GLOB_MAX_RESULTS = 100;

export const globTool: Tool = {
  name: "glob",
  description: "Find files by name with a glob pattern. Honours .gitignore; newest first; at most 100 results.",
  parameters: jsonSchema(Args),
  kind: "read",
  subject(args, workspace) {
    const { pattern, path = "." } = parseArgs("glob", Args, args);
    const target = resolvePath(workspace, path);
    return { title: `Glob ${pattern}${target.display === "." ? "" : ` in ${target.display}`}`, paths: [target.abs] };
  },
  async run(args, ctx) {
    const { pattern, path = "." } = parseArgs("glob", Args, args);
    const target = resolvePath(ctx.workspace, path);
    let isDir = false;
    try {
      isDir = statSync(target.abs).isDirectory();
    } catch {
      throw new ToolArgumentError(`no such folder: ${target.display}`);
    }
    if (!isDir) throw new ToolArgumentError(`${target.display} is a file; path must be a folder`);
    const glob = new Bun.Glob(pattern.replace(/^\.\//, ""));
    const walked = await filesUnder(ctx.workspace, target.abs, ctx.signal);
    const found: { path: string; mtime: number }[] = [];
    for (const file of walked.files) {
      if (!glob.match(relative(target.abs, file))) continue;
      let mtime = 0;
      try {
        mtime = statSync(file).mtimeMs;
      } catch {
        continue; // vanished since the walk
      }
      found.push({ path: isInside(ctx.workspace, file) ? relative(ctx.workspace, file) : file, mtime });
    }
    found.sort((a, b) => b.mtime - a.mtime || (a.path < b.path ? -1 : 1));
    if (found.length === 0)
      return { output: `no files match ${pattern}${target.display === "." ? "" : ` in ${target.display}`}`, summary: "0 files" };
    const shown = found.slice(0, GLOB_MAX_RESULTS);
    const notes: string[] = [];
    if (found.length > shown.length) notes.push(`${shown.length} newest of ${found.length} shown; narrow the pattern or the path`);
    if (walked.truncated) notes.push("the folder has more files than were searched");
    const body = shown.map((f) => f.path).join("\n");
    return { output: notes.length > 0 ? `${body}\n[${notes.join("; ")}]` : body, summary: `${found.length} ${found.length === 1 ? "file" : "files"}` };
  },
};
