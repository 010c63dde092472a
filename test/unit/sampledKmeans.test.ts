import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../src/segmentation/adjustedRandIndex.js';
import { nearestCluster } from '../../src/segmentation/assignNearestSegments.js';
import { standardise, type FeatureMatrix } from '../../src/segmentation/featureMatrix.js';
import { selectKmeans } from '../../src/segmentation/selectKmeans.js';
import { plantedBlobs, SIX_CENTRES, SIX_SHARES } from '../support/plantedBlobs.js';

const nearestLabels = (matrix: FeatureMatrix, centroids: Float64Array, k: number) =>
  Int32Array.from({ length: matrix.n }, (_, i) => nearestCluster(matrix.values.subarray(i * matrix.d, (i + 1) * matrix.d), centroids, k));

describe('k-means fitted on a sample, then every point to its nearest centroid', () => {
  it('takes the lower cluster on a tie', () => {
    expect(nearestCluster(Float64Array.of(1, 0), Float64Array.of(0, 0, 2, 0), 2)).toBe(0);
    expect(nearestCluster(Float64Array.of(1.5, 0), Float64Array.of(0, 0, 2, 0), 2)).toBe(1);
  });

  it('agrees with the fit on all points (ARI ≥ 0.99) when the sample is an eighth of them', async () => {
    const { matrix, truth } = plantedBlobs({ n: 40_000, centres: SIX_CENTRES, shares: SIX_SHARES, spread: 1 });
    standardise(matrix);
    const full = await selectKmeans(matrix, { seed: 42 });
    // The points are drawn independently, so the first eighth is a random sample.
    const sample: FeatureMatrix = { n: 5_000, d: matrix.d, values: matrix.values.slice(0, 5_000 * matrix.d) };
    const sampled = await selectKmeans(sample, { seed: 42 });
    expect(sampled.k).toBe(full.k);
    const labels = nearestLabels(matrix, sampled.centroids, sampled.k);
    expect(adjustedRandIndex(full.labels, labels)).toBeGreaterThanOrEqual(0.99);
    expect(adjustedRandIndex(truth, labels)).toBeGreaterThanOrEqual(0.95);
    // On the full fit's own centroids, nearest-centroid labels are the fit's labels (Lloyd stops when none moves).
    expect(Array.from(nearestLabels(matrix, full.centroids, full.k))).toEqual(Array.from(full.labels));
  });
});
