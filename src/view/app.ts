import { BoxRenderable, TextRenderable, TextareaRenderable, createCliRenderer, type KeyEvent } from "@opentui/core";
import { Lifecycle } from "./lifecycle.ts";

export interface AppOptions {
  fps: number;
}

/** Opens the interactive screen and resolves with the exit code once the terminal is restored. */
export async function runApp(options: AppOptions): Promise<number> {
  const renderer = await createCliRenderer({
    screenMode: "alternate-screen",
    exitOnCtrlC: false,
    exitSignals: [],
    maxFps: options.fps,
    useKittyKeyboard: {},
    openConsoleOnError: false,
  });
  const lifecycle = new Lifecycle(renderer);

  const layout = new BoxRenderable(renderer, { flexDirection: "column", width: "100%", height: "100%" });
  const transcript = new TextRenderable(renderer, {
    flexGrow: 1,
    content: "petrel — type a message and press Enter. Ctrl+C or Ctrl+D quits.",
  });
  const composer = new TextareaRenderable(renderer, { height: 1, placeholder: "Message petrel…" });
  const status = new TextRenderable(renderer, { height: 1, content: "demo · ready" });
  layout.add(transcript);
  layout.add(composer);
  layout.add(status);
  renderer.root.add(layout);
  composer.focus();

  renderer.keyInput.on("keypress", (key: KeyEvent) => {
    if (key.ctrl && (key.name === "c" || key.name === "d")) void lifecycle.exit(0);
  });
  renderer.requestRender();
  // lets the end-to-end tests prove an uncaught exception still restores the terminal
  if (process.env.PETREL_TEST_CRASH) setTimeout(() => { throw new Error("crash requested by PETREL_TEST_CRASH"); }, 300);
  return lifecycle.finished;
}
