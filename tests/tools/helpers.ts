/** Real folders in a temp dir for the tools to work on, and a context that records live output. */
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { SessionFiles } from "../../src/tools/file-tracker.ts";
import type { Tool, ToolContext, ToolResult } from "../../src/tools/tool.ts";

export function workspace(files: Record<string, string | Uint8Array> = {}): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "petrel-tools-")));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export interface TestContext extends ToolContext {
  chunks: string[];
  controller: AbortController;
}

export function context(root: string, files = new SessionFiles()): TestContext {
  const controller = new AbortController();
  const chunks: string[] = [];
  return { workspace: root, signal: controller.signal, files, output: (chunk) => chunks.push(chunk), chunks, controller };
}

/** Runs a call the way the loop does: subject first (argument errors), then run. */
export async function call(tool: Tool, args: unknown, ctx: ToolContext): Promise<ToolResult> {
  await tool.subject(args, ctx.workspace);
  return tool.run(args, ctx);
}
