import { BOUND_MARGIN, type BoundsUpdate } from './blockKernels.js';
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

/** Half the distance from each centroid to its nearest other one, narrowed by BOUND_MARGIN (Infinity for a lone centroid). */
function loadHalfGaps(workspace: KmeansWorkspace, centroids: Float64Array, k: number): void {
  const { d, halfGaps } = workspace;
  halfGaps.fill(Infinity, 0, k);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      let squared = 0;
      for (let c = 0; c < d; c++) squared += (centroids[a * d + c]! - centroids[b * d + c]!) ** 2;
      const half = (Math.sqrt(squared) / 2) * (1 - BOUND_MARGIN);
      if (half < halfGaps[a]!) halfGaps[a] = half;
      if (half < halfGaps[b]!) halfGaps[b] = half;
    }
  }
}

/** The two largest centroid moves from `previous` to `next`, widened by BOUND_MARGIN, for the lower bounds. */
function centroidShifts(previous: Float64Array, next: Float64Array, k: number, d: number): BoundsUpdate {
  let maxShift = 0;
  let maxShiftCenter = 0;
  let secondMaxShift = 0;
  for (let j = 0; j < k; j++) {
    let squared = 0;
    for (let c = 0; c < d; c++) squared += (next[j * d + c]! - previous[j * d + c]!) ** 2;
    const shift = Math.sqrt(squared) * (1 + BOUND_MARGIN);
    if (shift > maxShift) {
      secondMaxShift = maxShift;
      maxShift = shift;
      maxShiftCenter = j;
    } else if (shift > secondMaxShift) secondMaxShift = shift;
  }
  return { maxShift, maxShiftCenter, secondMaxShift };
}

/**
 * Assigns every point to its nearest centroid and adds the per-block partials in block order.
 * `bounds` (omitted on the first pass) says how far the centroids moved since the previous pass.
 */
async function assignAll(workspace: KmeansWorkspace, runner: BlockRunner, centroids: Float64Array, k: number, bounds: BoundsUpdate | undefined): Promise<AssignmentTotals> {
  const { d, maxCenters, blockCount, blockSums, blockCounts, blockChanges } = workspace;
  loadCenters(workspace, centroids, k);
  loadHalfGaps(workspace, centroids, k);
  await runner.run(bounds ? { kind: 'assign', centers: k, bounds } : { kind: 'assign', centers: k });
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
 * After the first pass, Hamerly's bounds skip the other centroids for points that cannot move,
 * which gives the same labels as a full pass.
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
  let bounds: BoundsUpdate | undefined;
  let iterations = 0;
  let converged = false;
  // Relocation rounds allowed past the limit: one per cluster is more than any real run needs.
  const hardLimit = maxIterations + k;
  for (;;) {
    const totals = await assignAll(workspace, runner, centroids, k, bounds);
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
    bounds = centroidShifts(centroids, next, k, d);
    centroids = next;
    iterations++;
    if (!hasEmpty && shift <= shiftTolerance) converged = true;
  }
}
