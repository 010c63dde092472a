import { expectedPurchases, probabilityAlive, type BgnbdParams } from './bgnbd.js';
import type { CalibrationSummary } from './calibrationSummary.js';
import { expectedAverageSpend, type GammaGammaParams } from './gammaGamma.js';

export interface ValueSettings {
  /** Months ahead; each month is 365.25 / 12 days. */
  horizonMonths: number;
  /** Annual discount rate, applied monthly. */
  annualDiscountRate: number;
}

export interface CustomerValues {
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  /** NaN when the spend model gives no finite mean (q <= 1 for a customer without repeats). */
  expectedAov: Float64Array;
  clv: Float64Array;
}

const WEEKS_PER_MONTH = 365.25 / 12 / 7;

/**
 * Per customer: P(alive), expected purchases over the horizon, expected spend per purchase and
 * discounted CLV = Σ_m (E[N(m)] − E[N(m−1)]) × spend / (1 + monthly rate)^m.
 */
export function customerValues(bgnbd: BgnbdParams, spend: GammaGammaParams, summary: CalibrationSummary, settings: ValueSettings): CustomerValues {
  const n = summary.x.length;
  const values: CustomerValues = {
    pAlive: new Float64Array(n),
    expectedPurchases: new Float64Array(n),
    expectedAov: new Float64Array(n),
    clv: new Float64Array(n),
  };
  const monthlyRate = (1 + settings.annualDiscountRate) ** (1 / 12) - 1;
  for (let i = 0; i < n; i++) {
    const x = summary.x[i]!;
    const tx = summary.tx[i]!;
    const T = summary.T[i]!;
    values.pAlive[i] = probabilityAlive(bgnbd, x, tx, T);
    let aov: number;
    try {
      aov = expectedAverageSpend(spend, x, x > 0 ? summary.zbar[i]! : 0);
    } catch {
      aov = Number.NaN;
    }
    values.expectedAov[i] = aov;
    let previous = 0;
    let clv = 0;
    for (let m = 1; m <= settings.horizonMonths; m++) {
      const cumulative = expectedPurchases(bgnbd, m * WEEKS_PER_MONTH, x, tx, T);
      clv += ((cumulative - previous) * aov) / (1 + monthlyRate) ** m;
      previous = cumulative;
    }
    values.expectedPurchases[i] = previous;
    values.clv[i] = clv;
  }
  return values;
}
