import type { BgnbdData } from '../src/features/clv/bgnbdData.js';
import type { BgnbdParams } from '../src/features/clv/bgnbd.js';
import type { Random } from './random.js';

export interface BgnbdSimulation {
  /** First purchases fall on a uniformly random day in [0, firstPurchaseDays). */
  firstPurchaseDays: number;
  /** Calibration ends at the start of this day (273 = week 39). */
  calibrationEndDay: number;
  /** Merge purchases on the same day into one (real transaction logs do); false counts each one. */
  mergeSameDay: boolean;
}

/**
 * Draws customers from the BG/NBD generative process (FHL 2005): λ ~ Gamma(r, rate α) per week,
 * p ~ Beta(a, b); repeat purchases arrive as a Poisson(λ) process and after each one the customer
 * drops out with probability p. Purchases are recorded by day (same-day purchases merged), and the
 * summary is in weeks: x = repeat purchase days, tx = last purchase day − first, T = calibration end − first.
 * The first purchase happens at a uniform moment within its day, so day differences are unbiased.
 * Merging same-day purchases departs from the model (heavy buyers lose purchases) and biases the fit a little.
 */
export function simulateBgnbd(params: BgnbdParams, customers: number, random: Random, setup: BgnbdSimulation): BgnbdData {
  const { r, alpha, a, b } = params;
  const x = new Float64Array(customers);
  const tx = new Float64Array(customers);
  const T = new Float64Array(customers);
  const end = setup.calibrationEndDay;
  for (let i = 0; i < customers; i++) {
    const start = random.uniform() * setup.firstPurchaseDays;
    const firstDay = Math.floor(start);
    const lambdaPerDay = random.gamma(r) / alpha / 7;
    const p = random.beta(a, b);
    let time = start;
    let lastDay = firstDay;
    let repeats = 0;
    for (;;) {
      time += random.exponential(lambdaPerDay);
      if (!(time < end)) break;
      const day = Math.floor(time);
      if (day !== lastDay || !setup.mergeSameDay) {
        repeats++;
        lastDay = day;
      }
      if (random.uniform() < p) break;
    }
    x[i] = repeats;
    tx[i] = (lastDay - firstDay) / 7;
    T[i] = (end - firstDay) / 7;
  }
  return { x, tx, T };
}
