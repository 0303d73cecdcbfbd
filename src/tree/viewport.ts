import type { HeightIndex } from "./height-index.ts";

/**
 * Which rows of the transcript are on screen. The position is held as content
 * (node index + row inside it), not as a row number, so heights changing above
 * (a resize, a block expanding) never make the view jump. Pinned means "follow
 * the bottom": new output scrolls into view until the user scrolls up.
 */
export class Viewport {
  height = 0;
  pinned = true;
  /** Output arrived below while the user was scrolled up. */
  newOutputBelow = false;
  private anchorNode = 0;
  private anchorOffset = 0;

  constructor(private readonly index: HeightIndex) {}

  /** The absolute row at the top of the screen. */
  top(): number {
    const max = Math.max(0, this.index.total - this.height);
    if (this.pinned) return max;
    const nodeHeight = this.index.height(this.anchorNode);
    const offset = Math.min(this.anchorOffset, Math.max(0, nodeHeight - 1));
    return Math.min(max, this.index.top(this.anchorNode) + offset);
  }

  /** The node and row inside it at the top of the screen. */
  anchor(): { index: number; offset: number } {
    return this.pinned ? this.index.find(this.top()) : { index: this.anchorNode, offset: this.anchorOffset };
  }

  scrollBy(delta: number): void {
    this.scrollTo(this.top() + delta);
  }

  scrollTo(row: number): void {
    const max = Math.max(0, this.index.total - this.height);
    if (row >= max) {
      this.pinned = true;
      this.newOutputBelow = false;
      return;
    }
    this.pinned = false;
    const { index, offset } = this.index.find(Math.max(0, row));
    this.anchorNode = index;
    this.anchorOffset = offset;
  }

  /** Puts row `offset` of node `index` at the top of the screen. */
  scrollToNode(index: number, offset = 0): void {
    this.pinned = false;
    this.anchorNode = Math.max(0, Math.min(index, this.index.length - 1));
    this.anchorOffset = Math.max(0, offset);
  }

  /** Keeps the anchor on the same content when its node is re-laid out at a new height. */
  rescaleAnchor(node: number, oldHeight: number, newHeight: number): void {
    if (this.pinned || node !== this.anchorNode || oldHeight === newHeight || oldHeight === 0) return;
    this.anchorOffset = Math.min(Math.max(0, newHeight - 1), Math.round((this.anchorOffset * newHeight) / oldHeight));
  }

  /** Content was added or grew below the screen. */
  noteOutput(): void {
    if (!this.pinned) this.newOutputBelow = true;
  }

  reset(): void {
    this.pinned = true;
    this.newOutputBelow = false;
    this.anchorNode = 0;
    this.anchorOffset = 0;
  }
}
