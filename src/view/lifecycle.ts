import type { CliRenderer } from "@opentui/core";

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGTERM: 15 };

/**
 * Owns leaving the terminal the way we found it. OpenTUI's own signal handling only
 * destroys the renderer (and its uncaughtException hook merely logs), so petrel
 * takes over every exit path: it runs `beforeExit` (flush the session log), destroys
 * the renderer, waits for the native side to restore the screen, then exits.
 */
export class Lifecycle {
  private exiting = false;
  private readonly done: Promise<number>;
  private resolveDone!: (code: number) => void;

  constructor(
    private readonly renderer: CliRenderer,
    private readonly beforeExit: () => Promise<void> | void = () => {},
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    for (const [signal, n] of Object.entries(SIGNAL_NUMBERS)) {
      // a second signal while the first exit is still restoring means "now"
      process.on(signal as NodeJS.Signals, () => (this.exiting ? process.exit(128 + n) : void this.exit(128 + n)));
    }
    process.on("uncaughtException", (err) => void this.exit(1, err));
    process.on("unhandledRejection", (err) => void this.exit(1, err));
  }

  /** Resolves with the exit code once the terminal has been restored. */
  get finished(): Promise<number> {
    return this.done;
  }

  async exit(code: number, error?: unknown): Promise<void> {
    if (this.exiting) return;
    this.exiting = true;
    try {
      await this.beforeExit();
    } catch (err) {
      error ??= err;
    }
    this.renderer.destroy();
    await this.renderer.closed.catch(() => {});
    if (error !== undefined) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`petrel: unexpected error, the session was saved\n${text}\n`);
    }
    this.resolveDone(code);
  }
}
