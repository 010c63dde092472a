import { describe, expect, it } from 'vitest';
import { meanSilhouette } from '../../src/segmentation/silhouette.js';

describe('meanSilhouette', () => {
  it('matches a hand computation on four points on a line', () => {
    // Points 0, 1 (cluster 0) and 4, 5 (cluster 1).
    const matrix = { n: 4, d: 1, values: Float64Array.from([0, 1, 4, 5]) };
    const labels = Int32Array.from([0, 0, 1, 1]);
    // s(0) = (4.5 - 1) / 4.5, s(1) = (3.5 - 1) / 3.5, symmetric for the other cluster.
    const expected = ((3.5 / 4.5) + (2.5 / 3.5)) / 2;
    expect(meanSilhouette(matrix, labels, 2, Int32Array.from([0, 1, 2, 3]))).toBeCloseTo(expected, 12);
  });

  it('scores a singleton cluster member 0', () => {
    const matrix = { n: 3, d: 1, values: Float64Array.from([0, 1, 10]) };
    const labels = Int32Array.from([0, 0, 1]);
    const s0 = (10 - 1) / 10;
    const s1 = (9 - 1) / 9;
    expect(meanSilhouette(matrix, labels, 2, Int32Array.from([0, 1, 2]))).toBeCloseTo((s0 + s1 + 0) / 3, 12);
  });
});
