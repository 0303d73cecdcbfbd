/**
 * The contract every tool meets, built-in (one file each in this folder) or from an MCP
 * server: a JSON schema the model is offered, a permission kind the gate decides on, and
 * an executor that streams what it prints. The same executors serve an ACP agent's
 * `fs/*` and `terminal/*` requests.
 */

/**
 * What the permission gate decides on: reads run in every mode; "think" (todo) touches
 * nothing outside the conversation and runs even in read-only mode.
 */
export type PermissionKind = "read" | "edit" | "execute" | "think" | "other";

/** A JSON schema for a tool's arguments (always an object schema). */
export interface JsonSchema {
  type: "object";
  properties: Record<string, unknown>;
  required?: string[];
  additionalProperties?: boolean;
  [key: string]: unknown;
}

export interface ToolSpec {
  /** As offered to the model: `[A-Za-z0-9_-]{1,64}` (MCP tools are `mcp__server__tool`). */
  readonly name: string;
  readonly description: string;
  readonly parameters: JsonSchema;
  readonly kind: PermissionKind;
}

/** What a call touches, for the gate's rules and the dialog. */
export interface ToolSubject {
  /** One line for the tool block's title and the dialog: "Edit src/app.ts", "Bash  npm test". */
  title: string;
  /** Absolute, symlink-resolved paths the call reads or writes. */
  paths?: string[];
  /** The shell command of an execute call, and where it runs. */
  command?: string;
  cwd?: string;
  /** A unified diff of what an edit or write would change, for the dialog. */
  diff?: string;
}

/** Files read in this session, so write and edit can refuse a file that changed since. */
export interface FileTracker {
  markRead(path: string): void;
  /** undefined when the file may be written; else why not ("was not read", "changed since it was read"). */
  checkWritable(path: string): string | undefined;
}

export interface ToolContext {
  /** The workspace root, absolute and symlink-resolved. */
  readonly workspace: string;
  readonly signal: AbortSignal;
  readonly files: FileTracker;
  /** Live output for the tool block (bash's stdout and stderr as they come). */
  output(chunk: string): void;
}

export interface ToolResult {
  /** What the model gets (already capped). */
  output: string;
  isError?: boolean;
  /** A short summary for a collapsed block: "+3 −1", "120 lines", "exit 1". */
  summary?: string;
  /** A unified diff to show in the block (edit, write). */
  diff?: string;
  /** Where the whole output was spilled when it was too large to keep in the log. */
  fullOutputPath?: string;
}

export interface Tool extends ToolSpec {
  /**
   * Validates `args` and says what the call touches. Throws ToolArgumentError with a
   * message for the model when the arguments are wrong; never touches the disk for writing.
   */
  subject(args: unknown, workspace: string): ToolSubject | Promise<ToolSubject>;
  run(args: unknown, context: ToolContext): Promise<ToolResult>;
}

/** Arguments the model got wrong: the message goes back to it as the tool's error result. */
export class ToolArgumentError extends Error {}

/** Every tool the model may be offered this turn, built-in and MCP alike. */
export interface ToolRegistry {
  list(): readonly Tool[];
  get(name: string): Tool | undefined;
}
