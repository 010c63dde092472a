import type { Standardisation } from './featureMatrix.js';

/**
 * Rows (row-major, d columns) standardised with `from`, re-expressed in the space of `to`: back to
 * the raw feature values, then z-scored with the new means and standard deviations.
 */
export function restandardise(rows: Float64Array, d: number, from: Standardisation, to: Standardisation): Float64Array {
  const moved = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const c = i % d;
    moved[i] = (rows[i]! * from.stdDevs[c]! + from.means[c]! - to.means[c]!) / to.stdDevs[c]!;
  }
  return moved;
}
