/**
 * The permission contract between whatever runs tools (the built-in agent, an ACP
 * agent's requests) and whoever answers (the dialog in the view, `-p`'s flags, rules).
 * Session, tree and view see the same request whichever agent asked.
 */
import type { PermissionKind, ToolSubject } from "../tools/tool.ts";

export type PermissionMode = "read-only" | "default" | "accept-edits" | "yolo";

/** From the most careful to the least. */
export const PERMISSION_MODES: readonly PermissionMode[] = ["read-only", "default", "accept-edits", "yolo"];

/** An answer offered in the dialog. The built-in agent offers the three defaults; an ACP agent its own. */
export interface PermissionOption {
  id: string;
  label: string;
  kind: "allow_once" | "allow_always" | "reject_once" | "reject_always";
}

export interface PermissionRequest {
  /** The tool call this is about. */
  callId: string;
  tool: string;
  kind: PermissionKind;
  args: unknown;
  subject: ToolSubject;
  /** The call reaches outside the workspace: it always asks, in every mode. */
  outsideWorkspace: boolean;
  /** Absent: Yes · Yes for this session (scope shown) · No. */
  options?: PermissionOption[];
  /**
   * What "Yes for this session" would allow, shown in the answer: "edits in src/", "bash: git status".
   * Absent: no session answer is offered (an `ask` rule wants the question every time).
   */
  sessionScope?: string;
}

export interface PermissionDecision {
  allow: boolean;
  /** Who decided: a config or --allow rule, the mode, the user in the dialog, an earlier "for this session". */
  by: "rule" | "mode" | "user" | "session";
  /** The rule that matched, or the option the user chose. */
  rule?: string;
  optionId?: string;
  /** The user's reason for a No, which becomes the tool's result. */
  reason?: string;
  /** "Yes for this session" was chosen. */
  remember?: boolean;
}

/** The view's dialog, or `-p`'s non-interactive answer. Requests are asked one at a time. */
export interface PermissionPrompter {
  ask(request: PermissionRequest, signal: AbortSignal): Promise<PermissionDecision>;
}
