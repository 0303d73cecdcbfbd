import type { CliRenderer } from "@opentui/core";

/**
 * Copying to the system clipboard through the terminal (OSC 52): the only route that
 * also works over ssh. Returns the notice to show, worded as what petrel knows.
 */
export class Clipboard {
  constructor(private readonly renderer: CliRenderer) {}

  copy(text: string, what: string): string {
    let ok: boolean;
    try {
      ok = this.renderer.copyToClipboardOSC52(text);
    } catch {
      // a terminal session that cannot take the write now must not take the app down
      ok = false;
    }
    const lines = text.split("\n").length;
    return ok ? `Copied ${what} (${lines} line${lines === 1 ? "" : "s"})` : "This terminal does not accept clipboard writes (OSC 52)";
  }
}
