import { fitBgnbd } from './bgnbd.js';
import type { CalibrationSummary } from './calibrationSummary.js';
import { fitGammaGamma } from './gammaGamma.js';

/**
 * BG/NBD on every customer, Gamma-Gamma on repeat buyers with positive mean spend (a repeat buyer
 * whose purchases were all free says nothing about spend). Throws ClvFitError when either cannot be fitted.
 */
export function fitClvModels(summary: CalibrationSummary) {
  const bgnbd = fitBgnbd(summary);
  const spenders = (values: Float64Array) => values.filter((_, i) => summary.x[i]! > 0 && summary.zbar[i]! > 0);
  const gammaGamma = fitGammaGamma(spenders(summary.x), spenders(summary.zbar));
  return { bgnbd, gammaGamma };
}
