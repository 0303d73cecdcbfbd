/**
 * "!command" in the composer: runs it in the workspace and shows its output in the
 * transcript as a block of its own, like Claude Code's bash mode. The output is not
 * sent to the model: "@!" in a later prompt attaches the last one.
 */
import type { Attachment, ToolBlock } from "../session/blocks.ts";
import type { Transcript } from "../session/transcript.ts";
import { runShell, type ShellRun } from "../workspace/shell.ts";
import { formatBytes } from "../workspace/mentions.ts";

export const SHELL_HINT = "! output is not sent to the model — @! attaches it to your next message";

export class ShellMode {
  private readonly runs = new Set<ShellRun>();
  private last: { command: string; block: ToolBlock } | null = null;

  constructor(
    private readonly transcript: Transcript,
    private readonly cwd: string,
    private readonly now: () => number,
    /** Called when a run ends (the status line and the keys care whether one runs). */
    private readonly changed: () => void,
  ) {}

  get running(): boolean {
    return this.runs.size > 0;
  }

  /** The command of the last finished run, for the "@!" picker entry. */
  get lastCommand(): string | null {
    return this.last?.command ?? null;
  }

  run(command: string): void {
    const transcript = this.transcript;
    const block = transcript.addShell(command, this.now());
    const run = runShell(command, this.cwd, (text) => transcript.shellOutput(block, text));
    this.runs.add(run);
    this.changed();
    void run.done.then(
      (result) => {
        const notes: string[] = [];
        if (result.droppedBytes > 0) notes.push(`${formatBytes(result.droppedBytes)} more output not kept`);
        if (result.cancelled) notes.push("cancelled");
        else if (result.code !== 0) notes.push(result.code === null ? "ended by a signal" : `exit code ${result.code}`);
        if (notes.length > 0) transcript.shellOutput(block, `${block.output && !block.output.endsWith("\n") ? "\n" : ""}(${notes.join(", ")})`);
        transcript.shellDone(block, result.cancelled || result.code !== 0, this.now());
        this.runs.delete(run);
        this.last = { command, block };
        this.changed();
      },
      (err: unknown) => {
        transcript.shellOutput(block, `could not run: ${err instanceof Error ? err.message : String(err)}`);
        transcript.shellDone(block, true, this.now());
        this.runs.delete(run);
        this.changed();
      },
    );
  }

  /** Esc: stops every running command; false when none ran. */
  cancel(): boolean {
    if (this.runs.size === 0) return false;
    for (const run of this.runs) run.cancel();
    return true;
  }

  /** The last run's output as an attachment ("@!"), or null when nothing ran yet. */
  lastAttachment(): Attachment | null {
    if (!this.last) return null;
    const output = this.last.block.output ?? "";
    const lines = output === "" ? 0 : output.split("\n").length - (output.endsWith("\n") ? 1 : 0);
    return { name: `! ${this.last.command}`, text: output, summary: `output, ${lines} line${lines === 1 ? "" : "s"}` };
  }
}
