/**
 * Copying to the system clipboard through the terminal (OSC 52): the only route that
 * also works over ssh. The sequence is sent plain, not wrapped in tmux's pass-through
 * (which tmux drops unless `allow-passthrough` is on): tmux reads a plain OSC 52
 * itself and handles it as its `set-clipboard` option says. Whether the terminal
 * accepts it, petrel cannot know; the notice says what petrel did.
 */

/** Writes bytes to the terminal; false when they could not be written. */
export type TerminalWrite = (data: string) => boolean;

export function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, "utf8").toString("base64")}\x07`;
}

export class Clipboard {
  constructor(private readonly write: TerminalWrite | undefined) {}

  /** Returns the notice to show. */
  copy(text: string, what: string): string {
    let ok = false;
    try {
      ok = this.write?.(osc52(text)) ?? false;
    } catch {
      // a terminal that cannot take the write now must not take the app down
    }
    const lines = text.split("\n").length;
    return ok ? `Sent ${what} to the terminal clipboard (${lines} line${lines === 1 ? "" : "s"})` : "Could not write to the terminal for the clipboard (OSC 52)";
  }
}
