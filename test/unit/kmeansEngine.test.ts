import { kmeans } from 'ml-kmeans';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gaussianBlobs } from '../../bench/kmeans/gaussianBlobs.js';
import { adjustedRandIndex } from '../../src/segmentation/adjustedRandIndex.js';
import { rowsOf, type FeatureMatrix } from '../../src/segmentation/featureMatrix.js';
import { singleThreadRunner } from '../../src/segmentation/kmeans/blockRunner.js';
import { fitKmeans, type KmeansFit } from '../../src/segmentation/kmeans/fitKmeans.js';
import { KmeansWorkerPool } from '../../src/segmentation/kmeans/kmeansWorkerPool.js';
import { createWorkspace, shareMatrix } from '../../src/segmentation/kmeans/kmeansWorkspace.js';
import { lloydIterations } from '../../src/segmentation/kmeans/lloydIterations.js';
import { seededRandom } from '../../src/segmentation/seededRandom.js';
import { UserFacingError } from '../../src/userFacingError.js';

function matrixOf(rows: number[][]): FeatureMatrix {
  return { n: rows.length, d: rows[0]?.length ?? 0, values: Float64Array.from(rows.flat()) };
}

function inertiaOf(matrix: FeatureMatrix, labels: ArrayLike<number>, centroids: number[][]): number {
  let total = 0;
  for (let i = 0; i < matrix.n; i++) {
    for (let c = 0; c < matrix.d; c++) total += (matrix.values[i * matrix.d + c]! - centroids[labels[i]!]![c]!) ** 2;
  }
  return total;
}

function clusterSizes(fit: KmeansFit): number[] {
  const sizes = new Array<number>(fit.k).fill(0);
  for (const label of fit.labels) sizes[label]!++;
  return sizes;
}

async function rejection(promise: Promise<unknown>): Promise<UserFacingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return error as UserFacingError;
}

describe('adjustedRandIndex', () => {
  it('is 1 for the same partition under other label numbers', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2, 2], [5, 5, 3, 3, 9, 9])).toBe(1);
  });

  it('matches scikit-learn’s adjusted_rand_score on small cases', () => {
    // sklearn.metrics.adjusted_rand_score values.
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(0.5714285714285715, 12);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 0, 0, 0])).toBe(1);
  });
});

describe('fitKmeans', () => {
  it('recovers planted blobs (ARI ≥ 0.99) with every cluster non-empty', async () => {
    const n = 3000;
    const { values, truth } = gaussianBlobs({ n, d: 4, k: 5, seed: 11 });
    const fit = await fitKmeans({ n, d: 4, values }, { k: 5, seed: 42, restarts: 3, threads: 1 });
    expect(adjustedRandIndex(truth, fit.labels)).toBeGreaterThanOrEqual(0.99);
    expect(clusterSizes(fit).every((size) => size > 0)).toBe(true);
    expect(fit.converged).toBe(true);
    expect(fit.restartInertias).toHaveLength(3);
    expect(fit.inertia).toBe(Math.min(...fit.restartInertias));
    // Reported inertia is the inertia of the returned labels and centroids.
    const centroids = Array.from({ length: 5 }, (_, j) => Array.from(fit.centroids.subarray(j * 4, j * 4 + 4)));
    expect(fit.inertia).toBeCloseTo(inertiaOf({ n, d: 4, values }, fit.labels, centroids), 6);
  });

  it.each([2, 3, 5, 7, 11, 16])('gets the same answer from every feature-chunk width (d=%i)', async (d) => {
    const n = 4000;
    const { values } = gaussianBlobs({ n, d, k: 4, seed: 30 + d });
    const fit = await fitKmeans({ n, d, values }, { k: 4, seed: 1, restarts: 2, threads: 1 });
    expect(clusterSizes(fit).every((size) => size > 0)).toBe(true);
    const centroids = Array.from({ length: 4 }, (_, j) => Array.from(fit.centroids.subarray(j * d, j * d + d)));
    expect(fit.inertia).toBeCloseTo(inertiaOf({ n, d, values }, fit.labels, centroids), 6);
    // Each point's label is its nearest centroid by direct distance.
    for (let i = 0; i < n; i++) {
      const distances = centroids.map((centroid) => centroid.reduce((sum, value, c) => sum + (values[i * d + c]! - value) ** 2, 0));
      expect(fit.labels[i]).toBe(distances.indexOf(Math.min(...distances)));
    }
  });

  it('reaches an inertia within 0.1% of ml-kmeans’ best of the same restarts on overlapping clusters', async () => {
    const random = seededRandom(5);
    const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    // Four blobs 2σ apart in 3-D: they overlap, so the optimum is not trivial.
    const centres = [[0, 0, 0], [2, 0, 0], [0, 2, 0], [0, 0, 2]];
    const rows = Array.from({ length: 2000 }, (_, i) => centres[i % 4]!.map((c) => c + gaussian()));
    const matrix = matrixOf(rows);
    let mlBest = Infinity;
    for (let restart = 0; restart < 5; restart++) {
      const result = kmeans(rowsOf(matrix), 4, { seed: 42 + restart, initialization: 'kmeans++', maxIterations: 300 });
      mlBest = Math.min(mlBest, inertiaOf(matrix, result.clusters, result.centroids));
    }
    const fit = await fitKmeans(matrix, { k: 4, seed: 42, restarts: 5, threads: 1 });
    expect(fit.inertia).toBeLessThanOrEqual(mlBest * 1.001);
  });

  describe('on a worker pool', () => {
    let pool: KmeansWorkerPool;
    beforeAll(() => {
      pool = KmeansWorkerPool.open(2);
    });
    afterAll(async () => {
      await pool.close();
    });

    it('gives bit-identical labels, centroids and inertias on 1, 2 and 3 threads', async () => {
      const n = 60_000;
      const matrix = shareMatrix({ n, d: 4, values: gaussianBlobs({ n, d: 4, k: 5, seed: 23 }).values });
      const options = { k: 5, seed: 9, restarts: 2, multiThreadMinWork: 0 };
      const single = await fitKmeans(matrix, { ...options, threads: 1 });
      const pooled = await fitKmeans(matrix, { ...options, pool });
      const ownPool = await fitKmeans(matrix, { ...options, threads: 3 });
      expect([single.threads, pooled.threads, ownPool.threads]).toEqual([1, 2, 3]);
      for (const other of [pooled, ownPool]) {
        expect(Buffer.from(other.labels.buffer).equals(Buffer.from(single.labels.buffer))).toBe(true);
        expect(Array.from(other.centroids)).toEqual(Array.from(single.centroids));
        expect(other.restartInertias).toEqual(single.restartInertias);
        expect(other.iterations).toBe(single.iterations);
      }
    });

    it('reuses the pool across k values and refuses a second fit at the same time', async () => {
      const n = 20_000;
      const matrix = shareMatrix({ n, d: 3, values: gaussianBlobs({ n, d: 3, k: 4, seed: 2 }).values });
      const inertias: number[] = [];
      for (let k = 2; k <= 5; k++) inertias.push((await fitKmeans(matrix, { k, seed: 1, pool, multiThreadMinWork: 0 })).inertia);
      expect([...inertias].sort((a, b) => b - a)).toEqual(inertias);
      const first = fitKmeans(matrix, { k: 3, seed: 1, pool, multiThreadMinWork: 0 });
      await expect(fitKmeans(matrix, { k: 3, seed: 1, pool, multiThreadMinWork: 0 })).rejects.toThrow(/already running a fit/);
      await first;
    });

    it('refuses work once closed', async () => {
      const closing = KmeansWorkerPool.open(2);
      await closing.close();
      const matrix = shareMatrix({ n: 8, d: 1, values: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]) });
      await expect(fitKmeans(matrix, { k: 2, seed: 1, pool: closing, multiThreadMinWork: 0 })).rejects.toThrow(/pool is closed/);
    });
  });

  it('runs a warm start as an extra restart that must beat the seeded ones clearly to win', async () => {
    const n = 3000;
    const matrix = { n, d: 3, values: gaussianBlobs({ n, d: 3, k: 4, seed: 8 }).values };
    const cold = await fitKmeans(matrix, { k: 4, seed: 2, restarts: 2, threads: 1 });
    // From the seeded optimum the warm start lands on the same inertia: the seeded result stands.
    const same = await fitKmeans(matrix, { k: 4, seed: 2, restarts: 2, threads: 1, warmStart: cold.centroids });
    expect(same.warmStartInertia).toBeCloseTo(cold.inertia, 6);
    expect(same.bestRestart).toBe(cold.bestRestart);
    expect(Array.from(same.labels)).toEqual(Array.from(cold.labels));
    // Against one poor seeded restart (k-means++ from a single candidate) the good warm start wins.
    const poor = await fitKmeans(matrix, { k: 4, seed: 5, restarts: 1, candidatesPerStep: 1, maxIterations: 1, threads: 1, warmStart: cold.centroids });
    expect(poor.restartInertias[0]!).toBeGreaterThan(cold.inertia * 1.001);
    expect(poor.bestRestart).toBe(1);
    expect(poor.inertia).toBe(poor.warmStartInertia);
    expect((await rejection(fitKmeans(matrix, { k: 4, seed: 2, warmStart: new Float64Array(5) }))).message).toBe('k-means warm start has 5 values for k=4 × 3 features');
  });

  it('is the same for the same seed and differs in seeds for another', async () => {
    const n = 2000;
    const matrix = { n, d: 2, values: gaussianBlobs({ n, d: 2, k: 8, seed: 4 }).values };
    const a = await fitKmeans(matrix, { k: 8, seed: 3, threads: 1 });
    const b = await fitKmeans(matrix, { k: 8, seed: 3, threads: 1 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(Array.from(a.centroids)).toEqual(Array.from(b.centroids));
  });

  it('refills an empty cluster with the point farthest from its centroid', async () => {
    // Seed 2 sits far from every point, so the first assignment leaves it empty.
    const matrix = matrixOf([[0], [1], [2], [10], [11], [30]]);
    const workspace = createWorkspace(matrix, 3, false);
    const run = await lloydIterations(workspace, singleThreadRunner(workspace), Float64Array.from([1, 10.5, 1000]), 3, 100, 0);
    expect(Array.from(workspace.labels)).toEqual([0, 0, 0, 1, 1, 2]);
    expect(Array.from(run.centroids)).toEqual([1, 10.5, 30]);
    expect(run.inertia).toBe(2.5);
    expect(run.converged).toBe(true);
  });

  it('handles a constant feature and a single row', async () => {
    const constant = await fitKmeans(matrixOf([[1, 7], [1.2, 7], [5, 7], [5.1, 7]]), { k: 2, seed: 1, threads: 1 });
    expect(new Set(constant.labels).size).toBe(2);
    expect(constant.labels[0]).toBe(constant.labels[1]);
    const single = await fitKmeans(matrixOf([[3, 4]]), { k: 1, seed: 1 });
    expect(Array.from(single.labels)).toEqual([0]);
    expect(Array.from(single.centroids)).toEqual([3, 4]);
    expect(single.inertia).toBe(0);
  });

  it('rejects NaN and Infinity naming the row and column', async () => {
    const nan = await rejection(fitKmeans(matrixOf([[1, 2], [3, Number.NaN]]), { k: 1, seed: 1 }));
    expect(nan.message).toBe('k-means input has NaN at row 1, column 1 (0-based)');
    const infinite = await rejection(fitKmeans(matrixOf([[1, 2], [Number.NEGATIVE_INFINITY, 4]]), { k: 1, seed: 1 }));
    expect(infinite.message).toMatch(/-Infinity at row 1, column 0/);
    expect(infinite.fix).toMatch(/impute or drop/);
  });

  it('rejects k above the distinct points, k above the rows, and k < 1', async () => {
    const duplicates = matrixOf([[1, 1], [1, 1], [2, 2], [2, 2], [2, 2]]);
    expect((await rejection(fitKmeans(duplicates, { k: 3, seed: 1 }))).message).toBe('k-means cannot make k=3 clusters: the data has only 2 distinct points');
    expect((await fitKmeans(duplicates, { k: 2, seed: 1 })).inertia).toBe(0);
    expect((await rejection(fitKmeans(matrixOf([[3, 4]]), { k: 2, seed: 1 }))).message).toBe('k-means cannot make k=2 clusters from 1 row');
    expect((await rejection(fitKmeans(duplicates, { k: 0, seed: 1 }))).message).toBe('k-means k must be a whole number ≥ 1, got 0');
    expect((await rejection(fitKmeans(duplicates, { k: 1.5, seed: 1 }))).message).toMatch(/whole number/);
  });

  it('rejects a matrix whose values do not match n×d, and an empty one', async () => {
    expect((await rejection(fitKmeans({ n: 2, d: 2, values: new Float64Array(3) }, { k: 1, seed: 1 }))).message).toMatch(/3 values for 2 rows × 2 features/);
    expect((await rejection(fitKmeans({ n: 0, d: 2, values: new Float64Array(0) }, { k: 1, seed: 1 }))).message).toMatch(/row count/);
  });
});
