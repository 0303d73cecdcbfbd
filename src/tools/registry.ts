/**
 * The tools the model is offered: the built-ins, plus whatever MCP servers add while
 * the session runs. Names are unique; the order is the order offered.
 */
import { createGrepTool } from "./grep.ts";
import { globTool } from "./glob.ts";
import { lsTool } from "./ls.ts";
import { readTool } from "./read.ts";
import type { Tool, ToolRegistry } from "./tool.ts";

export interface BuiltinOptions {
  /** ripgrep's path for grep; default: found on PATH. null: always the built-in search. */
  ripgrep?: string | null;
}

export function builtinTools(options: BuiltinOptions = {}): Tool[] {
  const ripgrep = options.ripgrep === undefined ? Bun.which("rg") : options.ripgrep;
  return [readTool, lsTool, globTool, createGrepTool({ ripgrep })];
}

export class Tools implements ToolRegistry {
  private readonly byName = new Map<string, Tool>();

  constructor(tools: Iterable<Tool> = []) {
    for (const tool of tools) this.register(tool);
  }

  list(): readonly Tool[] {
    return [...this.byName.values()];
  }

  get(name: string): Tool | undefined {
    return this.byName.get(name);
  }

  register(tool: Tool): void {
    if (this.byName.has(tool.name)) throw new Error(`a tool named ${tool.name} is already registered`);
    this.byName.set(tool.name, tool);
  }

  unregister(name: string): boolean {
    return this.byName.delete(name);
  }
}
