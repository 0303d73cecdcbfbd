/**
 * The chat's keys as data: which chord, in which state, does what. The screen maps each
 * action to a handler; a key whose bindings all decline falls through to the focused
 * renderable (the composer edits with it). Adding a key is one row here and one handler
 * in `chat-screen.ts`; the table is tested without a renderer.
 */

/** What the screen tells the keymap about itself when a key arrives. */
export interface KeyState {
  /** The slash-command completion list is showing. */
  popupOpen: boolean;
  /** The composer's "@" file picker is showing. */
  mentionOpen: boolean;
  composerEmpty: boolean;
  /** A turn or a "!" command is running. */
  running: boolean;
}

export type ChatAction =
  | "popup.up"
  | "popup.down"
  | "popup.complete"
  | "popup.run"
  | "popup.close"
  | "mention.up"
  | "mention.down"
  | "mention.accept"
  | "mention.close"
  | "completePath"
  | "toggleAll"
  | "interrupt"
  | "quit"
  | "cancel"
  | "clearSelection"
  | "pageUp"
  | "pageDown"
  | "top"
  | "bottom"
  | "toggleLatest"
  | "copyLastAnswer";

export interface KeyBinding<A extends string = ChatAction> {
  /** Chords as `chord()` spells them: "ctrl+c", "shift+tab", "pageup". */
  keys: readonly string[];
  /** The binding applies only when this holds; the first binding that applies wins. */
  when?: (state: KeyState) => boolean;
  action: A;
  /** One entry of /help's key list, for the first binding of a group. */
  help?: string;
}

/** The parts of a key event a chord is made of (OpenTUI's KeyEvent has them all). */
export interface Chordable {
  name: string;
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
}

/** "ctrl+meta+shift+name" with the modifiers that are held, in that order. */
export function chord(key: Chordable): string {
  return `${key.ctrl ? "ctrl+" : ""}${key.meta ? "meta+" : ""}${key.shift ? "shift+" : ""}${key.name}`;
}

/** The action the first applicable binding names, or null when the key is not the keymap's. */
export function resolveKey<A extends string>(map: readonly KeyBinding<A>[], key: Chordable, state: KeyState): A | null {
  const c = chord(key);
  for (const b of map) if (b.keys.includes(c) && (b.when === undefined || b.when(state))) return b.action;
  return null;
}

const popup = (s: KeyState) => s.popupOpen;
const mention = (s: KeyState) => s.mentionOpen;
const composerEmpty = (s: KeyState) => s.composerEmpty;

export const CHAT_KEYMAP: readonly KeyBinding[] = [
  { keys: ["up"], when: popup, action: "popup.up" },
  { keys: ["down"], when: popup, action: "popup.down" },
  { keys: ["tab"], when: popup, action: "popup.complete" },
  { keys: ["return"], when: popup, action: "popup.run" },
  { keys: ["escape"], when: popup, action: "popup.close" },
  { keys: ["up"], when: mention, action: "mention.up" },
  { keys: ["down"], when: mention, action: "mention.down" },
  { keys: ["tab", "return"], when: mention, action: "mention.accept", help: "@ attach a file or folder (Tab/Enter picks) · Tab completes a path" },
  { keys: ["escape"], when: mention, action: "mention.close" },
  { keys: ["tab"], action: "completePath" },
  { keys: ["escape"], when: (s) => s.running, action: "cancel", help: "Esc cancel the running answer (queued prompts go back to the input)" },
  { keys: ["escape"], action: "clearSelection" },
  { keys: ["ctrl+c"], when: (s) => s.running, action: "cancel" },
  { keys: ["ctrl+c"], action: "interrupt", help: "Ctrl+C cancel the running answer; idle: clear the input (twice: quit)" },
  { keys: ["ctrl+d"], when: composerEmpty, action: "quit", help: "Ctrl+D quit on an empty input" },
  { keys: ["pageup", "shift+pageup", "ctrl+pageup"], action: "pageUp", help: "PgUp/PgDn, Home/End, mouse wheel scroll" },
  { keys: ["pagedown", "shift+pagedown", "ctrl+pagedown"], action: "pageDown" },
  { keys: ["ctrl+home"], action: "top" },
  { keys: ["home"], when: composerEmpty, action: "top" },
  { keys: ["ctrl+end"], action: "bottom" },
  { keys: ["end"], when: composerEmpty, action: "bottom" },
  { keys: ["ctrl+o"], action: "toggleLatest", help: "Ctrl+O expand/collapse the tool call or reasoning under the mouse, else the latest" },
  { keys: ["meta+o", "ctrl+shift+o"], action: "toggleAll", help: "Alt+O expand/collapse all of them" },
  { keys: ["ctrl+y"], action: "copyLastAnswer", help: "Ctrl+Y copy the last answer" },
];

/** The keys /help lists, in table order. */
export function keyHelp(map: readonly KeyBinding<string>[]): string[] {
  return map.flatMap((b) => (b.help ? [b.help] : []));
}
