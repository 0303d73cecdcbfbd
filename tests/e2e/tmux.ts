/**
 * Drives the compiled binary in a real terminal: a tmux server of our own (its own
 * socket, so a developer's tmux is never touched), a pane of a fixed size running a
 * bare shell, send-keys in and capture-pane out.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dir, "../..");
export const BINARY = join(root, "dist/petrel-linux-x64");

let built: Promise<void> | undefined;

/** Builds the linux-x64 binary once per test run, so the e2e tests exercise what ships. */
export function buildBinary(): Promise<void> {
  built ??= (async () => {
    const proc = Bun.spawn([process.execPath, join(root, "build.ts"), "linux-x64"], { cwd: root, stdout: "pipe", stderr: "pipe" });
    if ((await proc.exited) !== 0 || !existsSync(BINARY)) {
      throw new Error(`building the binary failed:\n${await new Response(proc.stderr).text()}`);
    }
  })();
  return built;
}

export function requireTmux(): void {
  if (!Bun.which("tmux")) throw new Error("the end-to-end tests need tmux: apt-get install -y tmux");
}

export class Pane {
  private constructor(
    private readonly socket: string,
    readonly home: string,
  ) {}

  /** XDG_DATA_HOME of the pane's shell (petrel keeps its sessions under `petrel/sessions` there). */
  get dataHome(): string {
    return `${this.home}/.local/share`;
  }

  /** A `width`x`height` pane running a plain shell in an empty temporary HOME. */
  static async open(width = 100, height = 30): Promise<Pane> {
    requireTmux();
    const home = mkdtempSync(join(tmpdir(), "petrel-e2e-"));
    const pane = new Pane(`petrel-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`, home);
    pane.tmux(
      "new-session", "-d", "-x", String(width), "-y", String(height),
      "-e", `HOME=${home}`, "-e", `XDG_CONFIG_HOME=${home}/.config`, "-e", `XDG_DATA_HOME=${pane.dataHome}`,
      "-e", "OPENAI_API_KEY=", "-e", "ANTHROPIC_API_KEY=", "-e", "PETREL_PROVIDER=",       "bash --norc --noprofile",
    );
    pane.tmux("set-option", "-g", "status", "off");
    await pane.waitFor((s) => /[$#] *$/m.test(s));
    return pane;
  }

  tmux(...args: string[]): string {
    const proc = Bun.spawnSync(["tmux", "-L", this.socket, ...args], { stderr: "pipe" });
    if (proc.exitCode !== 0) throw new Error(`tmux ${args[0]} failed: ${proc.stderr.toString().trim()}`);
    return proc.stdout.toString();
  }

  /** Types `text` literally, then presses Enter. */
  run(text: string): void {
    this.tmux("send-keys", "-l", text);
    this.tmux("send-keys", "Enter");
  }

  keys(...keys: string[]): void {
    this.tmux("send-keys", ...keys);
  }

  capture(): string {
    return this.tmux("capture-pane", "-p");
  }

  /** A tmux format about the pane, e.g. `#{cursor_flag}`. */
  info(format: string): string {
    return this.tmux("display-message", "-p", format).trim();
  }

  async waitFor(predicate: (screen: string) => boolean, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = "";
    while (Date.now() < deadline) {
      screen = this.capture();
      if (predicate(screen)) return screen;
      await Bun.sleep(50);
    }
    throw new Error(`timed out waiting for the screen; last capture:\n${screen}`);
  }

  /** The pid of the program running in the pane's shell, once there is one. */
  async childPid(name: string): Promise<number> {
    const shell = Number(this.info("#{pane_pid}"));
    for (let i = 0; i < 100; i++) {
      const out = Bun.spawnSync(["pgrep", "-P", String(shell), "-f", name]).stdout.toString().trim();
      if (out) return Number(out.split("\n")[0]);
      await Bun.sleep(50);
    }
    throw new Error(`no ${name} process under the pane's shell`);
  }

  close(): void {
    Bun.spawnSync(["tmux", "-L", this.socket, "kill-server"]);
    rmSync(this.home, { recursive: true, force: true });
  }
}

/** The terminal is back to normal: main screen, cursor visible, no mouse reporting. */
export function terminalModes(pane: Pane): Record<string, string> {
  return {
    alternate: pane.info("#{alternate_on}"),
    cursor: pane.info("#{cursor_flag}"),
    mouse: pane.info("#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}"),
    keypad: pane.info("#{keypad_flag}"),
  };
}

export const RESTORED = { alternate: "0", cursor: "1", mouse: "0000", keypad: "0" };
