import type { BlockRunner } from './blockRunner.js';
import { loadCenters, sumBlockScalar, type KmeansWorkspace } from './kmeansWorkspace.js';
import { relocateEmptyClusters } from './relocateEmptyClusters.js';

export interface LloydResult {
  /** k×d; the workspace labels after the run are the nearest of these for every point. */
  centroids: Float64Array;
  /** Σ squared distance of each point to its centroid. */
  inertia: number;
  /** Centroid updates made. */
  iterations: number;
  /** Stopped because labels stopped changing or the centroid shift fell to the tolerance, not at the iteration limit. */
  converged: boolean;
}

interface AssignmentTotals {
  sums: Float64Array;
  counts: Float64Array;
  inertia: number;
  changes: number;
}

/** Assigns every point to its nearest centroid and adds the per-block partials in block order. */
async function assignAll(workspace: KmeansWorkspace, runner: BlockRunner, centroids: Float64Array, k: number): Promise<AssignmentTotals> {
  const { d, maxCenters, blockCount, blockSums, blockCounts, blockChanges } = workspace;
  loadCenters(workspace, centroids, k);
  await runner.run({ kind: 'assign', centers: k });
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  let changes = 0;
  for (let b = 0; b < blockCount; b++) {
    const sumBase = b * maxCenters * d;
    for (let q = 0; q < k * d; q++) sums[q]! += blockSums[sumBase + q]!;
    for (let j = 0; j < k; j++) counts[j]! += blockCounts[b * maxCenters + j]!;
    changes += blockChanges[b]!;
  }
  return { sums, counts, inertia: sumBlockScalar(workspace, 0), changes };
}

/**
 * Lloyd's algorithm from the given seeds. Stops when an assignment changes no label, or when the
 * total squared centroid shift of an update is ≤ `shiftTolerance` (then one more assignment makes
 * the labels match the final centroids, as scikit-learn does), or after `maxIterations` updates.
 * An assignment that leaves a cluster empty is repaired by relocateEmptyClusters before the update,
 * and the run never stops on one, so every returned cluster has at least one point.
 */
export async function lloydIterations(
  workspace: KmeansWorkspace,
  runner: BlockRunner,
  seeds: Float64Array,
  k: number,
  maxIterations: number,
  shiftTolerance: number,
): Promise<LloydResult> {
  const { d } = workspace;
  workspace.labels.fill(-1);
  let centroids = seeds.slice(0, k * d);
  let iterations = 0;
  let converged = false;
  // Relocation rounds allowed past the limit: one per cluster is more than any real run needs.
  const hardLimit = maxIterations + k;
  for (;;) {
    const totals = await assignAll(workspace, runner, centroids, k);
    const hasEmpty = totals.counts.some((count) => count === 0);
    if (!hasEmpty && totals.changes === 0) return { centroids, inertia: totals.inertia, iterations, converged: true };
    if (!hasEmpty && (converged || iterations >= maxIterations)) return { centroids, inertia: totals.inertia, iterations, converged };
    if (iterations >= hardLimit) throw new Error(`k-means kept producing empty clusters after ${iterations} iterations`);
    if (hasEmpty) relocateEmptyClusters(workspace, k, totals.sums, totals.counts);
    const next = new Float64Array(k * d);
    let shift = 0;
    for (let j = 0; j < k; j++) {
      for (let c = 0; c < d; c++) {
        const q = j * d + c;
        next[q] = totals.sums[q]! / totals.counts[j]!;
        shift += (next[q]! - centroids[q]!) ** 2;
      }
    }
    centroids = next;
    iterations++;
    if (!hasEmpty && shift <= shiftTolerance) converged = true;
  }
}
