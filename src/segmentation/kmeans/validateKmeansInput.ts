import { UserFacingError } from '../../userFacingError.js';
import type { FeatureMatrix } from '../featureMatrix.js';
import type { BlockRunner } from './blockRunner.js';
import { BLOCK_ROWS, type KmeansWorkspace } from './kmeansWorkspace.js';

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
 * Checks the shape and the settings; the values themselves are checked by meanColumnVariance, in
 * the block pass that also measures them. k above the number of distinct points is caught later,
 * by k-means++ (it runs out of new points).
 */
export function validateKmeansSettings(matrix: FeatureMatrix, settings: KmeansSettings): void {
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
}

/**
 * The mean per-column variance the convergence tolerance is scaled by (as scikit-learn does), from
 * the per-block column sums of the 'columnStats' pass added in block order, so it is the same on any
 * number of threads. A NaN or ±Infinity value makes its block's sums non-finite; only such blocks
 * are searched, in row order, for the first bad value, which is a UserFacingError.
 */
export async function meanColumnVariance(workspace: KmeansWorkspace, runner: BlockRunner): Promise<number> {
  const { n, d, data, blockCount, blockColumnStats } = workspace;
  await runner.run({ kind: 'columnStats' });
  const sums = new Float64Array(d);
  const squares = new Float64Array(d);
  for (let b = 0; b < blockCount; b++) {
    const at = b * 2 * d;
    let finite = true;
    for (let c = 0; c < d; c++) {
      const sum = blockColumnStats[at + c]!;
      const square = blockColumnStats[at + d + c]!;
      if (!Number.isFinite(sum) || !Number.isFinite(square)) finite = false;
      sums[c]! += sum;
      squares[c]! += square;
    }
    if (!finite) requireFiniteRows(data, d, b * BLOCK_ROWS, Math.min(n, (b + 1) * BLOCK_ROWS));
  }
  let variance = 0;
  for (let c = 0; c < d; c++) variance += Math.max(0, squares[c]! / n - (sums[c]! / n) ** 2);
  return variance / d;
}

function requireFiniteRows(values: Float64Array, d: number, start: number, stop: number): void {
  for (let i = start; i < stop; i++) {
    for (let c = 0; c < d; c++) {
      const value = values[i * d + c]!;
      if (!Number.isFinite(value)) {
        throw new UserFacingError(
          `k-means input has ${value} at row ${i}, column ${c} (0-based)`,
          'replace missing or infinite feature values (impute or drop the row) before clustering',
        );
      }
    }
  }
}
