import type { FeatureMatrix } from '../featureMatrix.js';

/**
 * Rows per block. Every partial sum is kept per block and the blocks are added in block order, so
 * the result does not depend on how blocks are split between threads.
 */
export const BLOCK_ROWS = 4096;

/**
 * Everything the block kernels read and write. With a worker pool every array lives in a
 * SharedArrayBuffer, so posting the workspace to a worker shares it instead of copying it.
 */
export interface KmeansWorkspace {
  n: number;
  d: number;
  blockCount: number;
  /** Centres the workspace has room for: max(k, k-means++ candidates per step). */
  maxCenters: number;
  /** n×d row-major points. */
  data: Float64Array;
  /** Cluster per point from the latest assignment pass (-1 before the first). */
  labels: Int32Array;
  /** Squared distance per point to its centroid after the latest assignment pass. */
  closest: Float64Array;
  /**
   * Lower bound per point on its distance (not squared) to every centroid but its own, for
   * Hamerly's skip test; 0 forces a full pass over the centroids.
   */
  lowerBounds: Float64Array;
  /** Slots of seedDistanceSlots: one for the chosen seeds plus one per k-means++ candidate (0 for Lloyd only). */
  seedSlots: number;
  /**
   * seedSlots×n squared distances to the nearest seed: the chosen seeds' in one slot, each
   * candidate's (with the candidate added) in another, so adopting the best candidate is a slot switch.
   */
  seedDistanceSlots: Float64Array;
  /** maxCenters×d: the centroids (assignment) or the candidates (k-means++) of the next operation. */
  centers: Float64Array;
  /** Per centroid: half the distance to the nearest other centroid, narrowed by BOUND_MARGIN (Hamerly's skip test). */
  halfGaps: Float64Array;
  /** blockCount×maxCenters×d coordinate sums per block and cluster. */
  blockSums: Float64Array;
  /** blockCount×maxCenters points per block and cluster. */
  blockCounts: Int32Array;
  /** blockCount×maxCenters: inertia (slot 0) or the potential per candidate. */
  blockScalars: Float64Array;
  /** Labels that changed in each block during the last assignment. */
  blockChanges: Int32Array;
  /** blockCount×2d: per block, the column sums then the column sums of squares of (value − first row). */
  blockColumnStats: Float64Array;
}

function allocate(shared: boolean, bytes: number): ArrayBuffer | SharedArrayBuffer {
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/** Copies the matrix values into a SharedArrayBuffer once, so several fits (k values) can share them with workers. */
export function shareMatrix(matrix: FeatureMatrix): FeatureMatrix {
  if (matrix.values.buffer instanceof SharedArrayBuffer) return matrix;
  const values = new Float64Array(new SharedArrayBuffer(matrix.values.length * 8));
  values.set(matrix.values);
  return { n: matrix.n, d: matrix.d, values };
}

/** `candidatesPerStep`: the most k-means++ candidates per step the workspace will be seeded with (0: Lloyd only). */
export function createWorkspace(matrix: FeatureMatrix, maxCenters: number, shared: boolean, candidatesPerStep = 0): KmeansWorkspace {
  const { n, d } = matrix;
  const blockCount = Math.ceil(n / BLOCK_ROWS);
  const float64 = (length: number) => new Float64Array(allocate(shared, length * 8));
  const int32 = (length: number) => new Int32Array(allocate(shared, length * 4));
  return {
    n,
    d,
    blockCount,
    maxCenters,
    data: shared ? shareMatrix(matrix).values : matrix.values,
    labels: int32(n),
    closest: float64(n),
    lowerBounds: float64(n),
    seedSlots: candidatesPerStep > 0 ? candidatesPerStep + 1 : 0,
    seedDistanceSlots: float64(candidatesPerStep > 0 ? (candidatesPerStep + 1) * n : 0),
    centers: float64(maxCenters * d),
    halfGaps: float64(maxCenters),
    blockSums: float64(blockCount * maxCenters * d),
    blockCounts: int32(blockCount * maxCenters),
    blockScalars: float64(blockCount * maxCenters),
    blockChanges: int32(blockCount),
    blockColumnStats: float64(blockCount * 2 * d),
  };
}

/** Puts `count` centres (count×d, row-major) where the next operation reads them. */
export function loadCenters(workspace: KmeansWorkspace, centers: Float64Array, count: number): void {
  workspace.centers.set(centers.subarray(0, count * workspace.d));
}

/** Sum of one per-block scalar slot, added in block order. */
export function sumBlockScalar(workspace: KmeansWorkspace, slot: number): number {
  let total = 0;
  for (let b = 0; b < workspace.blockCount; b++) total += workspace.blockScalars[b * workspace.maxCenters + slot]!;
  return total;
}
