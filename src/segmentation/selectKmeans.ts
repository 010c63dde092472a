import { kmeans } from 'ml-kmeans';
import { countDistinctRows, rowsOf, type FeatureMatrix } from './featureMatrix.js';
import { sampleIndices } from './seededRandom.js';
import { meanSilhouette } from './silhouette.js';

export interface KmeansOptions {
  kMin: number;
  kMax: number;
  seed: number;
  /** Fits per k from different seeds; the lowest inertia wins. */
  restarts: number;
  /** Points the silhouette is measured on (O(s²)); all points when there are fewer. */
  silhouetteSampleSize: number;
  maxIterations: number;
  /** Column whose centroid value orders the clusters: segment 1 has the highest. */
  orderByColumn: number;
}

export const DEFAULT_KMEANS_OPTIONS: KmeansOptions = {
  kMin: 2,
  kMax: 8,
  seed: 42,
  restarts: 3,
  silhouetteSampleSize: 4000,
  maxIterations: 300,
  orderByColumn: 0,
};

export interface KmeansCandidate {
  k: number;
  inertia: number;
  silhouette: number;
  iterations: number;
  converged: boolean;
}

export interface KmeansSelection {
  k: number;
  /** Cluster 0..k-1 per point, ordered so cluster 0 has the highest centroid in orderByColumn. */
  labels: Int32Array;
  /** Centroids in the (standardised) space the matrix is in, in label order. */
  centroids: number[][];
  candidates: KmeansCandidate[];
  reason: string;
}

function inertiaOf(matrix: FeatureMatrix, labels: Int32Array, centroids: number[][]): number {
  const { n, d, values } = matrix;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const centroid = centroids[labels[i]!]!;
    for (let c = 0; c < d; c++) total += (values[i * d + c]! - centroid[c]!) ** 2;
  }
  return total;
}

function fitBest(rows: number[][], matrix: FeatureMatrix, k: number, options: KmeansOptions) {
  let best: { labels: Int32Array; centroids: number[][]; inertia: number; iterations: number; converged: boolean } | undefined;
  for (let restart = 0; restart < options.restarts; restart++) {
    const result = kmeans(rows, k, { seed: options.seed + restart, initialization: 'kmeans++', maxIterations: options.maxIterations });
    const labels = Int32Array.from(result.clusters);
    const inertia = inertiaOf(matrix, labels, result.centroids);
    if (!best || inertia < best.inertia) {
      best = { labels, centroids: result.centroids, inertia, iterations: result.iterations, converged: result.converged };
    }
  }
  return best!;
}

/** Relabels clusters so ids follow the centroid value in one column, highest first (ties: next columns). */
function orderClusters(labels: Int32Array, centroids: number[][], column: number) {
  const order = centroids
    .map((centroid, index) => ({ centroid, index }))
    .sort((a, b) => {
      for (let c = 0; c < a.centroid.length; c++) {
        const col = (column + c) % a.centroid.length;
        const diff = b.centroid[col]! - a.centroid[col]!;
        if (diff !== 0) return diff;
      }
      return a.index - b.index;
    });
  const newIdOf = new Int32Array(centroids.length);
  order.forEach((entry, newId) => { newIdOf[entry.index] = newId; });
  return { labels: labels.map((l) => newIdOf[l]!), centroids: order.map((entry) => entry.centroid) };
}

/**
 * k-means for every k in [kMin, kMax] (capped at the number of distinct points); the k with the
 * highest mean silhouette wins, the smaller k on a tie. Deterministic for a given seed.
 */
export function selectKmeans(matrix: FeatureMatrix, overrides: Partial<KmeansOptions> = {}): KmeansSelection {
  const options = { ...DEFAULT_KMEANS_OPTIONS, ...overrides };
  const distinct = countDistinctRows(matrix, options.kMax + 1);
  if (matrix.n === 0) throw new RangeError('k-means needs at least one customer; the run has none');
  if (distinct < 2) {
    const centroid = Array.from(matrix.values.subarray(0, matrix.d));
    return {
      k: 1,
      labels: new Int32Array(matrix.n),
      centroids: [centroid],
      candidates: [],
      reason: `fewer than 2 distinct customers (${distinct}): one segment holds everyone`,
    };
  }
  const kMax = Math.min(options.kMax, distinct);
  const kMin = Math.min(options.kMin, kMax);
  const rows = rowsOf(matrix);
  const sample = sampleIndices(matrix.n, options.silhouetteSampleSize, options.seed);
  const candidates: KmeansCandidate[] = [];
  let best: { k: number; labels: Int32Array; centroids: number[][]; silhouette: number } | undefined;
  for (let k = kMin; k <= kMax; k++) {
    const fit = fitBest(rows, matrix, k, options);
    const silhouette = meanSilhouette(matrix, fit.labels, k, sample);
    candidates.push({ k, inertia: fit.inertia, silhouette, iterations: fit.iterations, converged: fit.converged });
    if (!best || silhouette > best.silhouette) best = { k, labels: fit.labels, centroids: fit.centroids, silhouette };
  }
  const chosen = best!;
  const ordered = orderClusters(chosen.labels, chosen.centroids, options.orderByColumn);
  const runnerUp = candidates.filter((c) => c.k !== chosen.k).sort((a, b) => b.silhouette - a.silhouette)[0];
  return {
    k: chosen.k,
    labels: ordered.labels,
    centroids: ordered.centroids,
    candidates,
    reason:
      `highest mean silhouette ${chosen.silhouette.toFixed(4)} over k=${kMin}..${kMax} on ${sample.length} sampled customers` +
      (runnerUp ? `; runner-up k=${runnerUp.k} at ${runnerUp.silhouette.toFixed(4)}` : ''),
  };
}
