import { ClvFitError } from './clvFitError.js';
import { type ClvFitOptions, fitOnLogScale } from './fitOnLogScale.js';
import { logGamma } from './specialFunctions.js';
import { type SpendSummary, summariseSpend } from './spendSummary.js';

export type { ClvFitOptions } from './fitOnLogScale.js';

/**
 * Gamma-Gamma parameters (Hardie's p, q, γ): each transaction's spend ~ Gamma(p, ν),
 * and across customers ν ~ Gamma(q, v).
 */
export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  /** Repeat buyers the model was fitted on. */
  customers: number;
}

function checkParams({ p, q, v }: GammaGammaParams): void {
  for (const [name, value] of [['p', p], ['q', q], ['v', v]] as const) {
    if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`Gamma-Gamma: parameter ${name} must be finite and > 0, got ${value}`);
  }
}

/**
 * Σ over repeat buyers of ln f(mx | x; p, q, v), the density of a customer's mean spend
 * (Hardie, "The Gamma-Gamma Model of Monetary Value", eq. 3), without input checks:
 *   lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln v + (px−1) ln mx + px ln x − (px+q) ln(v + x·mx).
 * Terms in x alone are summed per level and the parameter-free spend sums come precomputed,
 * leaving one logarithm per customer and evaluation.
 */
export function sumGammaGammaLogLikelihood(p: number, q: number, v: number, spend: SpendSummary): number {
  const { x, mx, levels } = spend;
  let total = x.length * (q * Math.log(v) - logGamma(q)) + p * spend.sumXLogSpend - spend.sumLogSpend;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    total -= (p * xi + q) * Math.log(v + xi * mx[i]!);
  }
  for (let k = 0; k < levels.values.length; k++) {
    const px = p * levels.values[k]!;
    total += levels.counts[k]! * (logGamma(px + q) - logGamma(px) + px * Math.log(levels.values[k]!));
  }
  return total;
}

/** Gamma-Gamma log-likelihood of the repeat buyers among (x, mx); customers with x = 0 contribute nothing. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, x: Float64Array, mx: Float64Array): number {
  checkParams(params);
  return sumGammaGammaLogLikelihood(params.p, params.q, params.v, summariseSpend(x, mx, false));
}

/**
 * Maximum-likelihood Gamma-Gamma fit on the customers with x > 0 (Nelder–Mead on log-parameters).
 * Throws ClvFitError when there is no repeat buyer or a repeat buyer's mean spend is not positive.
 */
export function fitGammaGamma(x: Float64Array, mx: Float64Array, options: ClvFitOptions = {}): GammaGammaFit {
  const spend = summariseSpend(x, mx, true);
  const fit = fitOnLogScale('Gamma-Gamma', 3, (k) => sumGammaGammaLogLikelihood(k[0]!, k[1]!, k[2]!, spend), options);
  const { params } = fit;
  return {
    p: params[0]!,
    q: params[1]!,
    v: params[2]!,
    logLikelihood: fit.logLikelihood,
    iterations: fit.iterations,
    converged: fit.converged,
    customers: spend.x.length,
  };
}

/**
 * E[mean spend per transaction | x, mx] = p(v + x·mx) / (px + q − 1) (FHL 2005 "RFM and CLV", eq. 5):
 * the posterior mean of p/ν, a weighted average of the population mean p·v/(q−1) and the customer's mx.
 * It exists only when px + q > 1; for x = 0 that means q > 1, because with q ≤ 1 the population
 * mean spend is infinite. Rather than return Infinity into a CLV sum, that case throws a RangeError.
 */
export function expectedAverageSpend(params: GammaGammaParams, x: number, mx: number): number {
  checkParams(params);
  const { p, q, v } = params;
  if (!(x >= 0) || !Number.isInteger(x)) throw new RangeError(`Gamma-Gamma: x must be a non-negative integer, got ${x}`);
  if (x > 0 && (!(mx > 0) || !Number.isFinite(mx))) {
    throw new RangeError(`Gamma-Gamma: mean spend must be finite and > 0 for a repeat buyer, got ${mx}`);
  }
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) {
    throw new RangeError(
      `Gamma-Gamma: expected spend is infinite for x = ${x} because p·x + q − 1 = ${denominator} <= 0 ` +
        `(q = ${q}; the population mean spend p·v/(q−1) needs q > 1)`,
    );
  }
  return x === 0 ? (p * v) / denominator : (p * (v + x * mx)) / denominator;
}

export { ClvFitError };
