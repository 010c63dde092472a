import { ClvFitError } from './clvFitError.js';
import { type RepeatLevels, repeatLevels } from './repeatLevels.js';

/**
 * The repeat buyers' part of a customer summary, ready for the Gamma-Gamma likelihood: the model says
 * nothing about customers without repeat purchases, so they are dropped here.
 */
export interface SpendSummary {
  /** Repeat purchases of each repeat buyer (x > 0). */
  x: Float64Array;
  /** Their mean spend per repeat purchase. */
  mx: Float64Array;
  levels: RepeatLevels;
  /** Σ x·ln(mx) and Σ ln(mx): the likelihood's spend terms that do not depend on the parameters. */
  sumXLogSpend: number;
  sumLogSpend: number;
}

/** Validates (x, mx) for all customers and keeps the repeat buyers. Throws ClvFitError on unusable data. */
export function summariseSpend(x: Float64Array, mx: Float64Array, requireRepeatBuyer: boolean): SpendSummary {
  const n = x.length;
  if (mx.length !== n) throw new ClvFitError(`Gamma-Gamma: x and mx must have the same length, got ${n} and ${mx.length}`);
  if (requireRepeatBuyer && n === 0) throw new ClvFitError('Gamma-Gamma needs at least one customer; the summary is empty');
  let repeatBuyers = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    if (!(xi >= 0) || !Number.isInteger(xi)) {
      throw new ClvFitError(`Gamma-Gamma: customer at index ${i} has x = ${xi}; repeat purchases must be a non-negative integer`);
    }
    if (xi === 0) continue;
    const spend = mx[i]!;
    if (!(spend > 0) || !Number.isFinite(spend)) {
      throw new ClvFitError(`Gamma-Gamma: customer at index ${i} has ${xi} repeat purchases but mean spend ${spend}; spends must be finite and > 0`);
    }
    repeatBuyers++;
  }
  if (requireRepeatBuyer && repeatBuyers === 0) {
    throw new ClvFitError(`Gamma-Gamma needs at least one repeat buyer; all ${n} customers have 0 repeat purchases`);
  }
  const buyersX = new Float64Array(repeatBuyers);
  const buyersMx = new Float64Array(repeatBuyers);
  let sumXLogSpend = 0;
  let sumLogSpend = 0;
  for (let i = 0, j = 0; i < n; i++) {
    if (x[i] === 0) continue;
    buyersX[j] = x[i]!;
    buyersMx[j] = mx[i]!;
    const logSpend = Math.log(mx[i]!);
    sumXLogSpend += x[i]! * logSpend;
    sumLogSpend += logSpend;
    j++;
  }
  return { x: buyersX, mx: buyersMx, levels: repeatLevels(buyersX), sumXLogSpend, sumLogSpend };
}
