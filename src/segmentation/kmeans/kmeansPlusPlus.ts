import { UserFacingError } from '../../userFacingError.js';
import { candidateSlot } from './blockKernels.js';
import type { BlockRunner } from './blockRunner.js';
import { BLOCK_ROWS, loadCenters, sumBlockScalar, type KmeansWorkspace } from './kmeansWorkspace.js';

/** scikit-learn's default number of candidates per greedy k-means++ step. */
export function defaultCandidatesPerStep(k: number): number {
  return 2 + Math.floor(Math.log(k));
}

/**
 * A point drawn with probability proportional to its squared distance to the nearest seed (seed
 * distance slot `slot`), located through the per-block totals (block scalar `totals`) so the draw is
 * the same whatever the thread count. Only points with a positive distance can be drawn, so a draw
 * is never an existing seed.
 */
function drawProportional(workspace: KmeansWorkspace, slot: number, totals: number, target: number): number {
  const { n, blockScalars, maxCenters, blockCount } = workspace;
  const closest = workspace.seedDistanceSlots.subarray(slot * n, slot * n + n);
  let cumulative = 0;
  for (let b = 0; b < blockCount; b++) {
    const blockTotal = blockScalars[b * maxCenters + totals]!;
    if (blockTotal <= 0) continue;
    if (cumulative + blockTotal <= target) {
      cumulative += blockTotal;
      continue;
    }
    const stop = Math.min(n, (b + 1) * BLOCK_ROWS);
    for (let i = b * BLOCK_ROWS; i < stop; i++) {
      const distance = closest[i]!;
      if (distance <= 0) continue;
      cumulative += distance;
      if (cumulative > target) return i;
    }
  }
  // Rounding left the target just past the running total: take the last point that could be drawn.
  let last = n - 1;
  while (last > 0 && !(closest[last]! > 0)) last--;
  return last;
}

function copyRow(workspace: KmeansWorkspace, row: number, into: Float64Array, at: number): void {
  const { d, data } = workspace;
  into.set(data.subarray(row * d, row * d + d), at * d);
}

/**
 * Greedy k-means++ (Arthur & Vassilvitskii, as scikit-learn runs it): the first seed is a uniform
 * random point; each further seed is the best of `candidatesPerStep` points drawn ∝ D², the one that
 * lowers the total squared distance most. Returns k×d seeds. Throws when the data has fewer than k
 * distinct points (all distances reach 0 before k seeds are found).
 */
export async function seedKmeansPlusPlus(
  workspace: KmeansWorkspace,
  runner: BlockRunner,
  k: number,
  candidatesPerStep: number,
  random: () => number,
): Promise<Float64Array> {
  const { d, n } = workspace;
  if (workspace.seedSlots < candidatesPerStep + 1) throw new Error(`the k-means workspace has room for ${Math.max(0, workspace.seedSlots - 1)} k-means++ candidates, not ${candidatesPerStep}`);
  const seeds = new Float64Array(k * d);
  const candidateRows = new Float64Array(candidatesPerStep * d);
  const first = Math.min(n - 1, Math.floor(random() * n));
  copyRow(workspace, first, seeds, 0);
  loadCenters(workspace, seeds, 1);
  // The chosen seeds' distances live in slot `slot`, their block totals in block scalar `totals`.
  let slot = 0;
  let totals = 0;
  await runner.run({ kind: 'seedDistances', slot });
  let potential = sumBlockScalar(workspace, 0);
  for (let s = 1; s < k; s++) {
    if (!(potential > 0)) {
      throw new UserFacingError(`k-means cannot make k=${k} clusters: the data has only ${s} distinct points`, `use k ≤ ${s}, or add features that tell the points apart`);
    }
    const candidates: number[] = [];
    for (let t = 0; t < candidatesPerStep; t++) {
      const row = drawProportional(workspace, slot, totals, random() * potential);
      candidates.push(row);
      copyRow(workspace, row, candidateRows, t);
    }
    loadCenters(workspace, candidateRows, candidatesPerStep);
    await runner.run({ kind: 'candidatePotentials', candidates: candidatesPerStep, fromSlot: slot });
    let best = 0;
    let bestPotential = Infinity;
    for (let t = 0; t < candidatesPerStep; t++) {
      const candidatePotential = sumBlockScalar(workspace, t);
      if (candidatePotential < bestPotential) {
        bestPotential = candidatePotential;
        best = t;
      }
    }
    copyRow(workspace, candidates[best]!, seeds, s);
    // The best candidate's pass already holds the new nearest-seed distances and totals.
    slot = candidateSlot(slot, best);
    totals = best;
    potential = bestPotential;
  }
  return seeds;
}
