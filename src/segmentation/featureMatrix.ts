/** A dense row-major matrix of n points × d features. */
export interface FeatureMatrix {
  n: number;
  d: number;
  values: Float64Array;
}

export interface Standardisation {
  means: number[];
  stdDevs: number[];
}

/** z-scores per column, in place. A constant column gets standard deviation 1 (so it scales to all zeros). */
export function standardise(matrix: FeatureMatrix): Standardisation {
  const { n, d, values } = matrix;
  const means = new Array<number>(d).fill(0);
  const stdDevs = new Array<number>(d).fill(0);
  for (let j = 0; j < d; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[i * d + j]!;
    const mean = n > 0 ? sum / n : 0;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += (values[i * d + j]! - mean) ** 2;
    const sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
    means[j] = mean;
    stdDevs[j] = sd > 0 ? sd : 1;
    for (let i = 0; i < n; i++) values[i * d + j] = (values[i * d + j]! - mean) / stdDevs[j]!;
  }
  return { means, stdDevs };
}

export function rowsOf(matrix: FeatureMatrix): number[][] {
  const rows: number[][] = new Array(matrix.n);
  for (let i = 0; i < matrix.n; i++) rows[i] = Array.from(matrix.values.subarray(i * matrix.d, (i + 1) * matrix.d));
  return rows;
}

export function countDistinctRows(matrix: FeatureMatrix, limit: number): number {
  const seen = new Set<string>();
  for (let i = 0; i < matrix.n && seen.size < limit; i++) {
    seen.add(matrix.values.subarray(i * matrix.d, (i + 1) * matrix.d).join(','));
  }
  return seen.size;
}
