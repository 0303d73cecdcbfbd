/**
 * Heights of the transcript's nodes as a Fenwick tree, so that "how many rows are
 * above node i" and "which node holds row y" are O(log n) however long the
 * conversation gets, and changing one node's height is O(log n) too.
 */
export class HeightIndex {
  private tree = new Float64Array(16);
  private heights: number[] = [];
  private sum = 0;

  get length(): number {
    return this.heights.length;
  }

  get total(): number {
    return this.sum;
  }

  height(i: number): number {
    return this.heights[i] ?? 0;
  }

  push(height: number): void {
    const i = this.heights.length;
    if (i + 1 >= this.tree.length) this.grow();
    this.heights.push(0);
    this.set(i, height);
  }

  set(i: number, height: number): void {
    const delta = height - this.heights[i]!;
    if (delta === 0) return;
    this.heights[i] = height;
    this.sum += delta;
    for (let k = i + 1; k < this.tree.length; k += k & -k) this.tree[k]! += delta;
  }

  /** Rows above node `i` (the sum of heights of nodes 0..i-1). */
  top(i: number): number {
    let s = 0;
    for (let k = i; k > 0; k -= k & -k) s += this.tree[k]!;
    return s;
  }

  /**
   * The node holding row `y` and the row's offset inside it. Rows past the end
   * map to the last node; zero-height nodes are never returned for rows they lack.
   */
  find(y: number): { index: number; offset: number } {
    const n = this.heights.length;
    if (n === 0) return { index: 0, offset: 0 };
    if (y >= this.sum) return { index: n - 1, offset: Math.max(0, this.height(n - 1) - 1) };
    let pos = 0;
    let rest = Math.max(0, y);
    for (let step = highestPowerOfTwo(this.tree.length - 1); step > 0; step >>= 1) {
      const next = pos + step;
      if (next < this.tree.length && this.tree[next]! <= rest) {
        pos = next;
        rest -= this.tree[next]!;
      }
    }
    return { index: pos, offset: rest };
  }

  clear(): void {
    this.tree = new Float64Array(16);
    this.heights = [];
    this.sum = 0;
  }

  /** Doubling capacity rebuilds in O(n), so pushes stay amortized O(log n). */
  private grow(): void {
    const size = this.tree.length * 2;
    const tree = new Float64Array(size);
    for (let i = 0; i < this.heights.length; i++) {
      tree[i + 1]! += this.heights[i]!;
      const parent = i + 1 + ((i + 1) & -(i + 1));
      if (parent < size) tree[parent]! += tree[i + 1]!;
    }
    this.tree = tree;
  }
}

function highestPowerOfTwo(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}
