import { UserFacingError } from '../userFacingError.js';
import { chooseK, rejectionOf, type KCandidate, type KGuards } from './chooseK.js';
import { countDistinctRows, type FeatureMatrix } from './featureMatrix.js';
import { fitKmeans, MULTI_THREAD_MIN_WORK, type KmeansFit } from './kmeans/fitKmeans.js';
import { KmeansWorkerPool } from './kmeans/kmeansWorkerPool.js';
import { shareMatrix } from './kmeans/kmeansWorkspace.js';
import { sampleIndices } from './seededRandom.js';
import { meanSilhouette } from './silhouette.js';

export interface KmeansOptions {
  kMin: number;
  kMax: number;
  seed: number;
  /** Seeded k-means++ fits per k (restart r uses seed + r); the lowest inertia wins. */
  restarts: number;
  /** Points the silhouette is measured on (O(s²)); all points when there are fewer. */
  silhouetteSampleSize: number;
  maxIterations: number;
  /** Column whose centroid value orders the clusters: segment 1 has the highest. */
  orderByColumn: number;
  /** Business minimum number of segments; capped at the number of distinct points. */
  minK: number;
  /** Smallest share of customers a segment may hold for its k to be eligible. */
  minSegmentShare: number;
  /** Threads for large fits (the pool only opens when the work is worth it). */
  threads: number;
  /** k×d centroids of the previous run, in this matrix's space: an extra restart for that k. */
  warmStart?: Float64Array;
}

export const DEFAULT_KMEANS_OPTIONS: KmeansOptions = {
  kMin: 2,
  kMax: 8,
  seed: 42,
  restarts: 3,
  silhouetteSampleSize: 4000,
  maxIterations: 300,
  orderByColumn: 0,
  minK: 3,
  minSegmentShare: 0.02,
  threads: 2,
};

export type KmeansCandidate = KCandidate;

export interface KmeansSelection {
  k: number;
  /** Cluster 0..k-1 per point, ordered so cluster 0 has the highest centroid in orderByColumn. */
  labels: Int32Array;
  /** k×d row-major centroids in the (standardised) space the matrix is in, in label order. */
  centroids: Float64Array;
  candidates: KmeansCandidate[];
  /** k where the inertia curve bends most, when it bends. */
  elbow: number | null;
  /** The guards applied (minimum k capped at the distinct points). */
  guards: KGuards;
  reason: string;
}

/** One centroid of a flat k×d array. */
export function centroidRow(centroids: Float64Array, d: number, index: number): number[] {
  return Array.from(centroids.subarray(index * d, (index + 1) * d));
}

/** Relabels clusters so ids follow the centroid value in one column, highest first (ties: next columns). */
function orderClusters(fit: KmeansFit, d: number, column: number) {
  const order = Array.from({ length: fit.k }, (_, index) => index).sort((a, b) => {
    for (let c = 0; c < d; c++) {
      const col = (column + c) % d;
      const diff = fit.centroids[b * d + col]! - fit.centroids[a * d + col]!;
      if (diff !== 0) return diff;
    }
    return a - b;
  });
  const newIdOf = new Int32Array(fit.k);
  order.forEach((oldId, newId) => { newIdOf[oldId] = newId; });
  const centroids = new Float64Array(fit.k * d);
  order.forEach((oldId, newId) => centroids.set(fit.centroids.subarray(oldId * d, (oldId + 1) * d), newId * d));
  return { labels: fit.labels.map((l) => newIdOf[l]!), centroids };
}

function smallestShareOf(labels: Int32Array, k: number): number {
  const sizes = new Int32Array(k);
  for (const label of labels) sizes[label]! += 1;
  return Math.min(...sizes) / labels.length;
}

/** Missing or infinite features are a user error up front, also on paths that never reach the engine. */
function requireFinite(matrix: FeatureMatrix): void {
  for (let i = 0; i < matrix.values.length; i++) {
    const value = matrix.values[i]!;
    if (!Number.isFinite(value)) {
      throw new UserFacingError(
        `k-means input has ${value} for customer row ${Math.floor(i / matrix.d)}, feature ${i % matrix.d} (0-based)`,
        'replace missing or infinite feature values (impute or drop the customer) before clustering',
      );
    }
  }
}

/**
 * k-means (typed-array engine) for every k in [kMin, kMax], capped at the distinct points; k is
 * chosen by chooseK (guards: minimum k and minimum segment share; silhouette; inertia elbow).
 * Deterministic for a given seed and warm start. With fewer than 2 distinct points there is
 * nothing to split: one segment holds everyone (documented fallback, not an error).
 */
export async function selectKmeans(matrix: FeatureMatrix, overrides: Partial<KmeansOptions> = {}): Promise<KmeansSelection> {
  const options = { ...DEFAULT_KMEANS_OPTIONS, ...overrides };
  if (matrix.n === 0) throw new UserFacingError('k-means needs at least one customer; the run has none', 'pick a later as-of date or check the rejects');
  requireFinite(matrix);
  const distinct = countDistinctRows(matrix, Math.max(options.kMax, options.minK) + 1);
  if (distinct < 2) {
    return {
      k: 1,
      labels: new Int32Array(matrix.n),
      centroids: matrix.values.slice(0, matrix.d),
      candidates: [],
      elbow: null,
      guards: { minK: 1, minSegmentShare: options.minSegmentShare },
      reason: `fewer than 2 distinct customers (${distinct}): one segment holds everyone`,
    };
  }
  const kMax = Math.min(options.kMax, distinct);
  const kMin = Math.min(options.kMin, kMax);
  const guards = { minK: Math.min(options.minK, distinct), minSegmentShare: options.minSegmentShare };
  const warmK = options.warmStart ? options.warmStart.length / matrix.d : undefined;
  const shared = shareMatrix(matrix);
  const sample = sampleIndices(matrix.n, options.silhouetteSampleSize, options.seed);
  const worthThreads = options.threads > 1 && matrix.n * kMax * matrix.d >= MULTI_THREAD_MIN_WORK;
  const pool = worthThreads ? KmeansWorkerPool.open(options.threads) : undefined;
  try {
    const candidates: KmeansCandidate[] = [];
    const fits = new Map<number, KmeansFit>();
    for (let k = kMin; k <= kMax; k++) {
      const fit = await fitKmeans(shared, {
        k,
        seed: options.seed,
        restarts: options.restarts,
        maxIterations: options.maxIterations,
        threads: 1,
        pool,
        warmStart: k === warmK ? options.warmStart : undefined,
      });
      fits.set(k, fit);
      const smallestShare = smallestShareOf(fit.labels, k);
      candidates.push({
        k,
        inertia: fit.inertia,
        silhouette: meanSilhouette(shared, fit.labels, k, sample),
        smallestShare,
        iterations: fit.iterations,
        converged: fit.converged,
        warmStartWon: fit.bestRestart === options.restarts,
        rejectedBecause: rejectionOf(k, smallestShare, guards),
      });
    }
    const choice = chooseK(candidates, guards, sample.length);
    const ordered = orderClusters(fits.get(choice.k)!, matrix.d, options.orderByColumn);
    return {
      k: choice.k,
      labels: ordered.labels,
      centroids: ordered.centroids,
      candidates,
      elbow: choice.elbow ?? null,
      guards,
      reason: choice.reason,
    };
  } finally {
    await pool?.close();
  }
}
