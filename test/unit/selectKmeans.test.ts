import { kmeans } from 'ml-kmeans';
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../src/segmentation/adjustedRandIndex.js';
import { rowsOf, standardise, type FeatureMatrix } from '../../src/segmentation/featureMatrix.js';
import { seededRandom } from '../../src/segmentation/seededRandom.js';
import { selectKmeans, type KmeansSelection } from '../../src/segmentation/selectKmeans.js';
import { UserFacingError } from '../../src/userFacingError.js';
import { plantedBlobs as plantedSegments, SIX_CENTRES, SIX_SHARES } from '../support/plantedBlobs.js';

/** Three well-separated Gaussian blobs in 3-D, 200 points each, with known membership. */
function plantedBlobs(): { matrix: FeatureMatrix; truth: Int32Array } {
  const random = seededRandom(7);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centres = [[10, 0, 0], [0, 10, 0], [0, 0, 10]];
  const n = 600;
  const values = new Float64Array(n * 3);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    truth[i] = c;
    for (let j = 0; j < 3; j++) values[i * 3 + j] = centres[c]![j]! + gaussian();
  }
  return { matrix: { n, d: 3, values }, truth };
}

function sizes(selection: KmeansSelection): number[] {
  const counts = new Array<number>(selection.k).fill(0);
  for (const label of selection.labels) counts[label]!++;
  return counts;
}

function inertiaOf(matrix: FeatureMatrix, labels: ArrayLike<number>, centroids: number[][]): number {
  let total = 0;
  for (let i = 0; i < matrix.n; i++) {
    for (let c = 0; c < matrix.d; c++) total += (matrix.values[i * matrix.d + c]! - centroids[labels[i]!]![c]!) ** 2;
  }
  return total;
}

describe('selectKmeans', () => {
  it('chooses the planted k and recovers the planted membership', async () => {
    const { matrix, truth } = plantedBlobs();
    standardise(matrix);
    const selection = await selectKmeans(matrix, { seed: 42 });
    expect(selection.k).toBe(3);
    expect(selection.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(adjustedRandIndex(truth, selection.labels)).toBe(1);
    expect(selection.reason).toMatch(/highest mean silhouette/);
    // k=2 is fitted (it shapes the elbow) but ruled out by the business minimum of 3.
    expect(selection.candidates[0]!.rejectedBecause).toBe('k=2 is below the minimum of 3 segments');
    expect(selection.elbow).toBe(3);
  });

  it('finds six planted segments of unequal size (ARI ≥ 0.95) and chooses k = 6', async () => {
    const { matrix, truth } = plantedSegments({ n: 3000, centres: SIX_CENTRES, shares: SIX_SHARES });
    standardise(matrix);
    const selection = await selectKmeans(matrix, { seed: 42 });
    expect(selection.k).toBe(6);
    expect(adjustedRandIndex(truth, selection.labels)).toBeGreaterThanOrEqual(0.95);
    expect(Math.min(...sizes(selection))).toBeGreaterThan(0.02 * matrix.n);
  });

  it('stays within 0.1% of ml-kmeans’ inertia (same restarts) for every candidate k', async () => {
    const { matrix } = plantedSegments({ n: 1500, centres: SIX_CENTRES, shares: SIX_SHARES, spread: 1.5, seed: 3 });
    const selection = await selectKmeans(matrix, { seed: 42 });
    for (const candidate of selection.candidates) {
      let reference = Infinity;
      for (let restart = 0; restart < 3; restart++) {
        const result = kmeans(rowsOf(matrix), candidate.k, { seed: 42 + restart, initialization: 'kmeans++', maxIterations: 300 });
        reference = Math.min(reference, inertiaOf(matrix, result.clusters, result.centroids));
      }
      expect(candidate.inertia, `k=${candidate.k}`).toBeLessThanOrEqual(reference * 1.001);
    }
  });

  it('rejects a k whose smallest segment is below the minimum share and says so', async () => {
    // Three big blobs and a far, tiny one (1% of customers): k=4 isolates it and must lose.
    const { matrix } = plantedSegments({ n: 2000, centres: [[0, 0], [8, 0], [0, 8], [30, 30]], shares: [0.33, 0.33, 0.33, 0.01], seed: 5 });
    const selection = await selectKmeans(matrix, { seed: 42, kMax: 5 });
    const four = selection.candidates.find((c) => c.k === 4)!;
    expect(four.smallestShare).toBeLessThan(0.02);
    expect(four.rejectedBecause).toMatch(/smallest segment holds 0\.7% of customers, below the minimum 2\.0%/);
    expect(selection.k).toBe(3);
    expect(selection.reason).toMatch(/rejected: .*k=4 \(smallest segment/);
    const relaxed = await selectKmeans(matrix, { seed: 42, kMax: 5, minSegmentShare: 0.005 });
    expect(relaxed.k).toBe(4);
  });

  it('keeps two natural groups as two only when the business minimum allows it', async () => {
    const { matrix } = plantedSegments({ n: 1000, centres: [[0, 0], [10, 10]], shares: [0.5, 0.5], seed: 9 });
    expect((await selectKmeans(matrix, { seed: 1 })).k).toBe(3);
    expect((await selectKmeans(matrix, { seed: 1, minK: 2 })).k).toBe(2);
  });

  it('falls back to the candidate with the largest smallest segment when no k passes the guards', async () => {
    const { matrix } = plantedSegments({ n: 1000, centres: [[0, 0], [10, 10]], shares: [0.5, 0.5], seed: 9 });
    const selection = await selectKmeans(matrix, { seed: 1, minSegmentShare: 0.6 });
    expect(selection.reason).toMatch(/^no k over k=2\.\.8 passed the guards, so the fallback took k=3/);
    expect(Math.min(...sizes(selection))).toBeGreaterThan(0);
  });

  it('gives identical assignments for the same seed', async () => {
    const a = plantedBlobs();
    const b = plantedBlobs();
    standardise(a.matrix);
    standardise(b.matrix);
    expect(Array.from((await selectKmeans(a.matrix, { seed: 3 })).labels)).toEqual(Array.from((await selectKmeans(b.matrix, { seed: 3 })).labels));
  });

  it('orders clusters so segment 0 has the highest centroid in the ordering column', async () => {
    const { matrix } = plantedBlobs();
    const selection = await selectKmeans(matrix, { seed: 42, orderByColumn: 2 });
    const column = Array.from({ length: selection.k }, (_, j) => selection.centroids[j * 3 + 2]!);
    expect([...column].sort((x, y) => y - x)).toEqual(column);
  });

  it('puts everyone in one segment when all customers look the same (documented fallback)', async () => {
    const matrix = { n: 5, d: 3, values: new Float64Array(15).fill(1) };
    const selection = await selectKmeans(matrix);
    expect(selection.k).toBe(1);
    expect(Array.from(selection.labels)).toEqual([0, 0, 0, 0, 0]);
    expect(selection.reason).toMatch(/fewer than 2 distinct customers/);
  });

  it('puts a single customer in one segment', async () => {
    const selection = await selectKmeans({ n: 1, d: 3, values: Float64Array.from([1, 2, 3]) });
    expect(selection.k).toBe(1);
    expect(Array.from(selection.centroids)).toEqual([1, 2, 3]);
  });

  it('caps k and the minimum k at the number of distinct customers, with no empty segment', async () => {
    const three = await selectKmeans({ n: 6, d: 1, values: Float64Array.from([0, 0, 5, 5, 9, 9]) });
    expect(Math.max(...three.candidates.map((c) => c.k))).toBe(3);
    expect(three.k).toBe(3);
    const two = await selectKmeans({ n: 5, d: 2, values: Float64Array.from([1, 1, 1, 1, 2, 2, 2, 2, 2, 2]) });
    expect(two.guards.minK).toBe(2);
    expect(two.k).toBe(2);
    expect(sizes(two)).toEqual([3, 2]);
  });

  it('clusters on the varying features when one feature is constant', async () => {
    const { matrix, truth } = plantedBlobs();
    for (let i = 0; i < matrix.n; i++) matrix.values[i * 3 + 2] = 4;
    standardise(matrix);
    const selection = await selectKmeans(matrix, { seed: 42 });
    expect(selection.k).toBe(3);
    expect(adjustedRandIndex(truth, selection.labels)).toBe(1);
  });

  it('refuses NaN and an empty population with a clear error', async () => {
    const nan = await selectKmeans({ n: 2, d: 2, values: Float64Array.from([1, 2, Number.NaN, 4]) }).catch((e: unknown) => e);
    expect(nan).toBeInstanceOf(UserFacingError);
    expect((nan as UserFacingError).message).toBe('k-means input has NaN for customer row 1, feature 0 (0-based)');
    const single = await selectKmeans({ n: 1, d: 1, values: Float64Array.from([Number.POSITIVE_INFINITY]) }).catch((e: unknown) => e);
    expect(single).toBeInstanceOf(UserFacingError);
    await expect(selectKmeans({ n: 0, d: 3, values: new Float64Array(0) })).rejects.toThrow(/at least one customer/);
  });
});
