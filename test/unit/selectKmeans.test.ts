import { describe, expect, it } from 'vitest';
import { standardise, type FeatureMatrix } from '../../src/segmentation/featureMatrix.js';
import { seededRandom } from '../../src/segmentation/seededRandom.js';
import { selectKmeans } from '../../src/segmentation/selectKmeans.js';

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

describe('selectKmeans', () => {
  it('chooses the planted k and recovers the planted membership', () => {
    const { matrix, truth } = plantedBlobs();
    standardise(matrix);
    const selection = selectKmeans(matrix, { seed: 42 });
    expect(selection.k).toBe(3);
    expect(selection.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    // Every planted blob lands whole in one cluster, and each cluster holds one blob.
    const pairs = new Set(Array.from(truth, (t, i) => `${t}:${selection.labels[i]}`));
    expect(pairs.size).toBe(3);
    expect(selection.reason).toMatch(/highest mean silhouette/);
  });

  it('gives identical assignments for the same seed', () => {
    const a = plantedBlobs();
    const b = plantedBlobs();
    standardise(a.matrix);
    standardise(b.matrix);
    expect(Array.from(selectKmeans(a.matrix, { seed: 3 }).labels)).toEqual(Array.from(selectKmeans(b.matrix, { seed: 3 }).labels));
  });

  it('orders clusters so segment 0 has the highest centroid in the ordering column', () => {
    const { matrix } = plantedBlobs();
    const selection = selectKmeans(matrix, { seed: 42, orderByColumn: 2 });
    const column = selection.centroids.map((c) => c[2]!);
    expect([...column].sort((x, y) => y - x)).toEqual(column);
  });

  it('puts everyone in one segment when all customers look the same', () => {
    const matrix = { n: 5, d: 3, values: new Float64Array(15).fill(1) };
    const selection = selectKmeans(matrix);
    expect(selection.k).toBe(1);
    expect(Array.from(selection.labels)).toEqual([0, 0, 0, 0, 0]);
    expect(selection.reason).toMatch(/fewer than 2 distinct customers/);
  });

  it('caps k at the number of distinct customers', () => {
    const matrix = { n: 6, d: 1, values: Float64Array.from([0, 0, 5, 5, 9, 9]) };
    const selection = selectKmeans(matrix);
    expect(Math.max(...selection.candidates.map((c) => c.k))).toBe(3);
    expect(selection.k).toBe(3);
  });

  it('refuses an empty population', () => {
    expect(() => selectKmeans({ n: 0, d: 3, values: new Float64Array(0) })).toThrow(/at least one customer/);
  });
});
