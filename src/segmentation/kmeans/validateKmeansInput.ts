import { UserFacingError } from '../../userFacingError.js';
import type { FeatureMatrix } from '../featureMatrix.js';

export interface KmeansSettings {
  k: number;
  restarts: number;
  maxIterations: number;
  tolerance: number;
  candidatesPerStep: number;
  threads: number;
}

function requireWholeNumber(name: string, value: number, minimum: number, fix: string): void {
  if (!Number.isInteger(value) || value < minimum) throw new UserFacingError(`k-means ${name} must be a whole number ≥ ${minimum}, got ${value}`, fix);
}

/**
 * Checks the shape, the settings and every value, and returns the mean per-column variance the
 * convergence tolerance is scaled by (as scikit-learn does). One pass over the data.
 * k above the number of distinct points is caught later, by k-means++ (it runs out of new points).
 */
export function validateKmeansInput(matrix: FeatureMatrix, settings: KmeansSettings): { meanVariance: number } {
  const { n, d, values } = matrix;
  requireWholeNumber('row count', n, 1, 'k-means needs at least one row; check that the feature matrix is not empty');
  requireWholeNumber('feature count', d, 1, 'k-means needs at least one feature column');
  if (values.length !== n * d) {
    throw new UserFacingError(`k-means got ${values.length} values for ${n} rows × ${d} features (expected ${n * d})`, 'pass a row-major Float64Array of exactly n×d values');
  }
  requireWholeNumber('k', settings.k, 1, 'ask for at least one cluster');
  if (settings.k > n) throw new UserFacingError(`k-means cannot make k=${settings.k} clusters from ${n} row${n === 1 ? '' : 's'}`, `use k ≤ ${n}`);
  requireWholeNumber('restart count', settings.restarts, 1, 'use at least one restart');
  requireWholeNumber('iteration limit', settings.maxIterations, 1, 'allow at least one iteration');
  requireWholeNumber('k-means++ candidates per step', settings.candidatesPerStep, 1, 'use at least one candidate per step');
  requireWholeNumber('thread count', settings.threads, 1, 'use at least one thread');
  if (!(settings.tolerance >= 0 && Number.isFinite(settings.tolerance))) {
    throw new UserFacingError(`k-means tolerance must be a finite number ≥ 0, got ${settings.tolerance}`, 'use e.g. 1e-4');
  }
  // Sums of values shifted by the first row keep the single-pass variance accurate for columns far from 0.
  const shift = values.slice(0, d);
  const sums = new Float64Array(d);
  const squares = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) {
      const value = values[i * d + c]!;
      if (!Number.isFinite(value)) {
        throw new UserFacingError(
          `k-means input has ${value} at row ${i}, column ${c} (0-based)`,
          'replace missing or infinite feature values (impute or drop the row) before clustering',
        );
      }
      const centred = value - shift[c]!;
      sums[c]! += centred;
      squares[c]! += centred * centred;
    }
  }
  let variance = 0;
  for (let c = 0; c < d; c++) variance += Math.max(0, squares[c]! / n - (sums[c]! / n) ** 2);
  return { meanVariance: variance / d };
}
