/**
 * Runs a command line the user typed after "!": `sh -c` in the workspace, stdout and
 * stderr merged in arrival order, no stdin (nothing can wait for input that never
 * comes), its own process group so cancelling stops what the command started too.
 * Output beyond a cap is counted, not kept.
 */

export interface ShellRun {
  /** Resolves when the command has exited (or was stopped). */
  done: Promise<ShellResult>;
  /** Stops the command and everything it started. */
  cancel(): void;
}

export interface ShellResult {
  /** The exit code, or null when a signal ended it. */
  code: number | null;
  cancelled: boolean;
  /** Bytes left out beyond the cap. */
  droppedBytes: number;
}

export const SHELL_OUTPUT_CAP = 1024 * 1024;

export function runShell(command: string, cwd: string, onOutput: (text: string) => void, cap = SHELL_OUTPUT_CAP): ShellRun {
  const proc = Bun.spawn(["sh", "-c", command], {
    cwd,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    detached: true,
    env: { ...process.env, TERM: "dumb", NO_COLOR: "1" },
  });
  let kept = 0;
  let dropped = 0;
  let cancelled = false;
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      const text = decoder.decode(chunk, { stream: true });
      if (kept >= cap) {
        dropped += chunk.length;
        continue;
      }
      kept += chunk.length;
      onOutput(text);
    }
    const tail = decoder.decode();
    if (tail) onOutput(tail);
  };
  const done = Promise.all([pump(proc.stdout), pump(proc.stderr), proc.exited]).then(() => ({
    code: proc.signalCode ? null : proc.exitCode,
    cancelled,
    droppedBytes: dropped,
  }));
  return {
    done,
    cancel() {
      if (proc.exitCode !== null || proc.signalCode) return;
      cancelled = true;
      try {
        process.kill(-proc.pid, "SIGTERM"); // the whole group: `sleep 100 | cat` stops too
      } catch {
        proc.kill("SIGTERM");
      }
    },
  };
}
