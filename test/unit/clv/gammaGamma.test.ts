import { describe, expect, it } from 'vitest';
import {
  ClvFitError,
  expectedAverageSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  type GammaGammaFit,
} from '../../../src/features/clv/gammaGamma.js';
import { readCdnowSummary, threeFigures } from './readCdnowSummary.js';

const cdnow = readCdnowSummary();

describe('fitGammaGamma on the CDNOW sample', () => {
  let fit: GammaGammaFit;

  it('reproduces Hardie’s estimates p = 6.25, q = 3.74, γ = 15.44 to three significant figures', () => {
    fit = fitGammaGamma(cdnow.x, cdnow.zbar);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(946);
    expect(threeFigures(fit.p)).toBe(6.25);
    expect(threeFigures(fit.q)).toBe(3.74);
    expect(threeFigures(fit.v)).toBe(15.4);
    expect(fit.p).toBeCloseTo(6.25, 1);
    expect(fit.q).toBeCloseTo(3.74, 1);
    expect(fit.v).toBeCloseTo(15.44, 1);
  });

  it('is the maximum: the published rounding scores no better', () => {
    expect(gammaGammaLogLikelihood(fit, cdnow.x, cdnow.zbar)).toBeCloseTo(fit.logLikelihood, 9);
    expect(gammaGammaLogLikelihood({ p: 6.25, q: 3.74, v: 15.44 }, cdnow.x, cdnow.zbar)).toBeLessThanOrEqual(fit.logLikelihood);
  });

  it('shrinks a customer’s mean spend towards the population mean p·v/(q−1)', () => {
    const population = (fit.p * fit.v) / (fit.q - 1);
    expect(expectedAverageSpend(fit, 0, 0)).toBeCloseTo(population, 12);
    const spend = expectedAverageSpend(fit, 2, 22.35);
    expect(spend).toBeGreaterThan(Math.min(population, 22.35));
    expect(spend).toBeLessThan(Math.max(population, 22.35));
    expect(spend).toBeCloseTo((fit.p * (fit.v + 2 * 22.35)) / (fit.p * 2 + fit.q - 1), 12);
  });
});

describe('expectedAverageSpend when q <= 1', () => {
  it('throws for x = 0, where the population mean spend is infinite', () => {
    expect(() => expectedAverageSpend({ p: 2, q: 0.9, v: 10 }, 0, 0)).toThrow(/q > 1/);
  });

  it('is still finite for a repeat buyer as long as p·x + q > 1', () => {
    expect(expectedAverageSpend({ p: 2, q: 0.9, v: 10 }, 1, 20)).toBeCloseTo((2 * 30) / 1.9, 12);
  });
});

describe('fitGammaGamma on unusable data', () => {
  it('throws ClvFitError when nobody made a repeat purchase', () => {
    expect(() => fitGammaGamma(new Float64Array(120), new Float64Array(120))).toThrow(
      'Gamma-Gamma needs at least one repeat buyer; all 120 customers have 0 repeat purchases',
    );
    expect(() => fitGammaGamma(new Float64Array(0), new Float64Array(0))).toThrow(ClvFitError);
  });

  it('throws ClvFitError for a repeat buyer with a non-positive or non-finite spend', () => {
    expect(() => fitGammaGamma(Float64Array.of(1, 2), Float64Array.of(10, 0))).toThrow(/index 1 .* mean spend 0/);
    expect(() => fitGammaGamma(Float64Array.of(1), Float64Array.of(-5))).toThrow(ClvFitError);
    expect(() => fitGammaGamma(Float64Array.of(1), Float64Array.of(Number.NaN))).toThrow(ClvFitError);
    expect(() => fitGammaGamma(Float64Array.of(-1), Float64Array.of(5))).toThrow(ClvFitError);
  });

  it('ignores the spend of customers without repeat purchases', () => {
    const x = Float64Array.of(0, 1, 2, 3);
    const withJunk = fitGammaGamma(x, Float64Array.of(Number.NaN, 10, 20, 15));
    const clean = fitGammaGamma(x, Float64Array.of(0, 10, 20, 15));
    expect(withJunk.logLikelihood).toBe(clean.logLikelihood);
    expect(Number.isFinite(withJunk.p) && Number.isFinite(withJunk.q) && Number.isFinite(withJunk.v)).toBe(true);
  });
});
