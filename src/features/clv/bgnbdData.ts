import { ClvFitError } from './clvFitError.js';

/**
 * Per-customer summary for the BG/NBD model, all times in one unit (e.g. weeks):
 * x = repeat purchases, tx = time of the last purchase since the first, T = time since the first purchase.
 */
export interface BgnbdData {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
}

/**
 * Checks that `data` is a valid summary and returns the number of repeat buyers.
 * Bad input would otherwise surface as a NaN log-likelihood far from its cause.
 */
export function validateBgnbdData(data: BgnbdData, requireRepeatBuyer: boolean): number {
  const { x, tx, T } = data;
  const n = x.length;
  if (tx.length !== n || T.length !== n) {
    throw new ClvFitError(`BG/NBD: x, tx and T must have the same length, got ${n}, ${tx.length} and ${T.length}`);
  }
  if (requireRepeatBuyer && n === 0) throw new ClvFitError('BG/NBD needs at least one customer; the summary is empty');
  let repeatBuyers = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const txi = tx[i]!;
    const Ti = T[i]!;
    if (!(xi >= 0) || !Number.isInteger(xi)) {
      throw new ClvFitError(`BG/NBD: customer at index ${i} has x = ${xi}; repeat purchases must be a non-negative integer`);
    }
    if (!(txi >= 0) || !(Ti >= 0) || !Number.isFinite(Ti)) {
      throw new ClvFitError(`BG/NBD: customer at index ${i} has tx = ${txi}, T = ${Ti}; both must be finite and >= 0`);
    }
    if (txi > Ti) {
      throw new ClvFitError(`BG/NBD: customer at index ${i} has tx = ${txi} > T = ${Ti}; the last purchase cannot come after the end of the period`);
    }
    if (xi > 0) repeatBuyers++;
  }
  if (requireRepeatBuyer && repeatBuyers === 0) {
    throw new ClvFitError(`BG/NBD needs at least one repeat buyer; all ${n} customers have 0 repeat purchases`);
  }
  return repeatBuyers;
}
