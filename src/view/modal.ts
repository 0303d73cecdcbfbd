import type { KeyEvent, PasteEvent, Renderable } from "@opentui/core";

/**
 * A dialog or picker that takes the keyboard while it is open: every key goes to it
 * first, and what it does not take goes to its focused part (a filter input, say),
 * never to the composer or the chat's keymap. Closing gives the keyboard back.
 */
export interface Modal {
  /** Shown while open; it positions itself (usually `position: "absolute"` with a zIndex). */
  readonly renderable: Renderable;
  /** Returns true when the key was the modal's; false lets its focused part have it. */
  handleKey(key: KeyEvent): boolean;
  /** Focused while open (e.g. its filter input); the renderable itself when absent. */
  readonly focus?: Renderable;
  /** Called once when the modal leaves the screen, whoever closed it. */
  onClose?(): void;
}

/**
 * Holds the open modals, newest on top (a permission prompt may open over a picker).
 * The screen asks `takeKey` before its own keymap.
 */
export class ModalHost {
  private readonly stack: Modal[] = [];

  constructor(
    private readonly root: Renderable,
    /** What has the keyboard when no modal is open (the composer). */
    private readonly screenFocus: Renderable,
  ) {}

  get active(): Modal | null {
    return this.stack.at(-1) ?? null;
  }

  /** Shows `modal` on top and hands it the keyboard; returns a function that closes it. */
  open(modal: Modal): () => void {
    this.stack.push(modal);
    this.screenFocus.blur();
    this.root.add(modal.renderable);
    (modal.focus ?? modal.renderable).focus();
    return () => this.close(modal);
  }

  close(modal: Modal): void {
    const i = this.stack.indexOf(modal);
    if (i < 0) return;
    this.stack.splice(i, 1);
    this.root.remove(modal.renderable);
    modal.renderable.destroyRecursively();
    modal.onClose?.();
    const next = this.active;
    if (next) (next.focus ?? next.renderable).focus();
    else this.screenFocus.focus();
  }

  /** True when a modal is open; the key is then its own or its focused part's. */
  takeKey(key: KeyEvent): boolean {
    const modal = this.active;
    if (!modal) return false;
    if (modal.handleKey(key) || !modal.focus) key.preventDefault();
    return true;
  }

  /** A paste while a modal is open must not land in the composer behind it. */
  takePaste(event: PasteEvent): boolean {
    const modal = this.active;
    if (!modal) return false;
    if (!modal.focus) event.preventDefault();
    return true;
  }

  closeAll(): void {
    while (this.stack.length > 0) this.close(this.stack.at(-1)!);
  }
}
