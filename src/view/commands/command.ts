import type { Session } from "../../session/session.ts";
import type { ModalHost } from "../modal.ts";
import type { Picker, PickerRequest } from "../picker.ts";
import type { ChatServices } from "../services.ts";

/**
 * A slash command: one small module in this folder, listed once in `index.ts`.
 * `run` gets the screen's services; a thrown error becomes "/name failed: …" in the
 * transcript, so commands need no try/catch of their own.
 */
export interface SlashCommand {
  /** With the slash: "/model". */
  name: string;
  /** Other names that run it ("/exit" for "/quit"); not listed in the popup. */
  aliases?: readonly string[];
  /** How the argument is written in the popup and /help: "[NAME]". Commands with args are completed, not run, by Enter in the popup. */
  args?: string;
  summary: string;
  run(ctx: CommandContext, arg: string): void | Promise<void>;
}

/** What a command may do to the chat. */
export interface CommandContext {
  readonly session: Session;
  readonly commands: readonly SlashCommand[];
  /** The keys /help lists. */
  readonly keyHelp: readonly string[];
  /** A line in the transcript (not part of the conversation). */
  notice(text: string): void;
  /** A transient message in the status line. */
  flash(text: string): void;
  copyLastAnswer(): void;
  toggleStats(): void;
  /** Writes a heap snapshot and returns its path. */
  heapSnapshot(): string;
  /** Pickers and dialogs open here. */
  readonly modals: ModalHost;
  /** Opens a modal fuzzy picker; it closes itself on a choice or Esc. */
  pick<T>(request: PickerRequest<T>): Picker<T>;
  readonly services: ChatServices;
  quit(): void;
}
