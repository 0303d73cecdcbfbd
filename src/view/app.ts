import { createCliRenderer } from "@opentui/core";
import type { LoadedCommands } from "../config/commands.ts";
import { themeByName } from "../render/theme.ts";
import type { Session } from "../session/session.ts";
import { ChatScreen } from "./chat-screen.ts";
import { realTimers } from "./frame-loop.ts";
import { snapshotPathIn, writeHeapSnapshot } from "./heap-snapshot.ts";
import { Lifecycle } from "./lifecycle.ts";
import type { ChatServices } from "./services.ts";

export interface AppOptions {
  session: Session;
  fps: number;
  stats: boolean;
  theme: "dark" | "light";
  /** Where /heap and SIGUSR2 write snapshots. */
  dataDir: string;
  /** Write a heap snapshot here on exit. */
  heapSnapshotOnExit?: string;
  customCommands?: LoadedCommands;
  services: ChatServices;
}

/** Opens the interactive screen and resolves with the exit code once the terminal is restored. */
export async function runApp(options: AppOptions): Promise<number> {
  const renderer = await createCliRenderer({
    screenMode: "alternate-screen",
    exitOnCtrlC: false,
    exitSignals: [],
    maxFps: Math.max(60, options.fps),
    useKittyKeyboard: {},
    openConsoleOnError: false,
  });
  const heapSnapshot = () => writeHeapSnapshot(snapshotPathIn(options.dataDir));
  const lifecycle = new Lifecycle(renderer, async () => {
    screen.destroy();
    await options.session.flush();
    if (options.heapSnapshotOnExit) writeHeapSnapshot(options.heapSnapshotOnExit);
  });
  const screen = new ChatScreen(renderer, options.session, {
    theme: themeByName(options.theme),
    fps: options.fps,
    stats: options.stats,
    timers: realTimers,
    now: () => Date.now(),
    quit: () => void lifecycle.exit(0),
    heapSnapshot,
    customCommands: options.customCommands,
    // the alternate screen leaves stdout to us between frames, and a frame is written whole
    writeTerminal: (data) => process.stdout.write(data),
    services: options.services,
  });
  process.on("SIGUSR2", () => {
    const path = heapSnapshot();
    options.session.transcript.notice(`Heap snapshot written to ${path}`);
  });
  // lets the end-to-end tests prove an uncaught exception still restores the terminal
  if (process.env.PETREL_TEST_CRASH) setTimeout(() => { throw new Error("crash requested by PETREL_TEST_CRASH"); }, 300);
  return lifecycle.finished;
}
