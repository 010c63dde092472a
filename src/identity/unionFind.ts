/** Disjoint sets over 0..size-1 in typed arrays (path halving, union by size): about 8 bytes a member. */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(count: number) {
    this.parent = new Int32Array(count);
    this.size = new Int32Array(count).fill(1);
    for (let i = 0; i < count; i++) this.parent[i] = i;
  }

  find(x: number): number {
    let node = x;
    while (this.parent[node] !== node) {
      const grandparent = this.parent[this.parent[node]!]!;
      this.parent[node] = grandparent;
      node = grandparent;
    }
    return node;
  }

  union(a: number, b: number): void {
    let rootA = this.find(a);
    let rootB = this.find(b);
    if (rootA === rootB) return;
    if (this.size[rootA]! < this.size[rootB]!) [rootA, rootB] = [rootB, rootA];
    this.parent[rootB] = rootA;
    this.size[rootA]! += this.size[rootB]!;
  }

  /** Each element's component, named by its smallest element: independent of the order of unions. */
  smallestMembers(): Int32Array {
    const count = this.parent.length;
    const smallest = new Int32Array(count).fill(-1);
    const labels = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const root = this.find(i);
      if (smallest[root] === -1) smallest[root] = i;
      labels[i] = smallest[root]!;
    }
    return labels;
  }
}
