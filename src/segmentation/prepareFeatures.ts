import { UserFacingError } from '../userFacingError.js';
import type { FeatureMatrix, Standardisation } from './featureMatrix.js';

export type ScalingMethod = 'robust' | 'z-score';

export interface FeaturePreparationOptions {
  method: ScalingMethod;
  /** Multiplies each scaled column (default 1 each): a weight of 2 makes a feature count twice as far in distances. */
  weights?: readonly number[];
}

/** How one column was turned into the value k-means sees: ((value − center) / scale) × weight. */
export interface ColumnScaling {
  center: number;
  scale: number;
  weight: number;
  /** median/IQR (robust), or mean/sd when asked for or when the IQR is 0 (robust fallback). */
  scaledBy: 'median/IQR' | 'mean/sd';
}

/**
 * The scaling applied, also as a Standardisation (means = centers, stdDevs = scale ÷ weight), so a
 * previous run's centroids can be moved into this space whatever method either run used.
 */
export interface FeaturePreparation extends Standardisation {
  method: ScalingMethod;
  columns: ColumnScaling[];
}

/** Linear interpolation between order statistics (the same as PostgreSQL percentile_cont). */
function quantile(sorted: Float64Array, p: number): number {
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

function meanAndSd(column: Float64Array): { mean: number; sd: number } {
  const n = column.length;
  const mean = n > 0 ? column.reduce((sum, x) => sum + x, 0) / n : 0;
  const squares = column.reduce((sum, x) => sum + (x - mean) ** 2, 0);
  return { mean, sd: n > 1 ? Math.sqrt(squares / (n - 1)) : 0 };
}

function scalingOf(column: Float64Array, method: ScalingMethod, weight: number): ColumnScaling {
  if (method === 'robust' && column.length > 0) {
    const sorted = Float64Array.from(column).sort();
    const iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
    if (iqr > 0) return { center: quantile(sorted, 0.5), scale: iqr, weight, scaledBy: 'median/IQR' };
  }
  // A column with no spread at all scales by 1, so it becomes all zeros instead of dividing by zero.
  const { mean, sd } = meanAndSd(column);
  return { center: mean, scale: sd > 0 ? sd : 1, weight, scaledBy: 'mean/sd' };
}

/**
 * Scales every column in place: robust (median and interquartile range; z-score for a column whose
 * IQR is 0, e.g. when most customers bought once) or z-score, then multiplies by the column's weight.
 */
export function prepareFeatures(matrix: FeatureMatrix, { method, weights }: FeaturePreparationOptions): FeaturePreparation {
  const { n, d, values } = matrix;
  if (weights && weights.length !== d) {
    throw new UserFacingError(`k-means has ${d} features but ${weights.length} feature weights were given`, 'give one weight per feature, or none for weight 1 each');
  }
  const columns: ColumnScaling[] = [];
  for (let j = 0; j < d; j++) {
    const weight = weights?.[j] ?? 1;
    if (!(Number.isFinite(weight) && weight > 0)) {
      throw new UserFacingError(`feature weight ${weight} for feature ${j} (0-based) is not a positive number`, 'use weights above 0 (leave a feature out of the model instead of weighting it 0)');
    }
    const column = new Float64Array(n);
    for (let i = 0; i < n; i++) column[i] = values[i * d + j]!;
    const scaling = scalingOf(column, method, weight);
    for (let i = 0; i < n; i++) values[i * d + j] = ((column[i]! - scaling.center) / scaling.scale) * weight;
    columns.push(scaling);
  }
  return { method, columns, means: columns.map((c) => c.center), stdDevs: columns.map((c) => c.scale / c.weight) };
}
