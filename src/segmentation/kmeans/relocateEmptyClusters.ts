import type { KmeansWorkspace } from './kmeansWorkspace.js';

/**
 * Gives every empty cluster a point, as scikit-learn does: the points farthest from their own
 * centroid (after the latest assignment), farthest first, lowest row on a tie. A point is taken only
 * from a cluster that keeps at least one other point, so no new cluster empties. The point moves
 * from its cluster's sum and count into the empty cluster's, which then has it as its centroid.
 * A rare path: O(n) per empty cluster. Returns how many clusters were refilled.
 */
export function relocateEmptyClusters(workspace: KmeansWorkspace, k: number, sums: Float64Array, counts: Float64Array): number {
  const { n, d, data, labels, closest, lowerBounds } = workspace;
  let relocated = 0;
  for (let empty = 0; empty < k; empty++) {
    if (counts[empty] !== 0) continue;
    let farthest = -1;
    let farthestDistance = -1;
    for (let i = 0; i < n; i++) {
      const distance = closest[i]!;
      if (distance > farthestDistance && counts[labels[i]!]! >= 2) {
        farthest = i;
        farthestDistance = distance;
      }
    }
    // k ≤ n, so while a cluster is empty some cluster has ≥ 2 points.
    if (farthest < 0) throw new Error('k-means relocation found no cluster with a point to spare');
    const donor = labels[farthest]!;
    for (let c = 0; c < d; c++) {
      const value = data[farthest * d + c]!;
      sums[donor * d + c]! -= value;
      sums[empty * d + c] = value;
    }
    counts[donor]!--;
    counts[empty] = 1;
    labels[farthest] = empty;
    // Not picked twice: its distance to the new centroid (itself) is 0.
    closest[farthest] = 0;
    // Its lower bound was to its old centroid's rivals: 0 sends it through a full pass next time.
    lowerBounds[farthest] = 0;
    relocated++;
  }
  return relocated;
}
