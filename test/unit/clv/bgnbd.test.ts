import { describe, expect, it } from 'vitest';
import {
  bgnbdLogLikelihood,
  ClvFitError,
  expectedPurchases,
  fitBgnbd,
  probabilityAlive,
  type BgnbdFit,
} from '../../../src/features/clv/bgnbd.js';
import { readCdnowSummary, threeFigures } from './readCdnowSummary.js';

const cdnow = readCdnowSummary();
const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const arrays = (rows: Array<[number, number, number]>) => ({
  x: Float64Array.from(rows, (row) => row[0]),
  tx: Float64Array.from(rows, (row) => row[1]),
  T: Float64Array.from(rows, (row) => row[2]),
});

describe('fitBgnbd on the CDNOW sample', () => {
  let fit: BgnbdFit;

  it('reads 2,357 customers, 946 of them repeat buyers', () => {
    expect(cdnow.x.length).toBe(2357);
    expect(cdnow.x.filter((x) => x > 0).length).toBe(946);
  });

  it('reproduces the published estimates (FHL 2005) to three significant figures', () => {
    fit = fitBgnbd(cdnow);
    expect(fit.converged).toBe(true);
    expect(threeFigures(fit.r)).toBe(0.243);
    expect(threeFigures(fit.alpha)).toBe(4.41);
    expect(threeFigures(fit.a)).toBe(0.793);
    expect(threeFigures(fit.b)).toBe(2.43);
    expect(fit.alpha).toBeCloseTo(4.414, 2);
    expect(fit.b).toBeCloseTo(2.426, 2);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
  });

  it('agrees with the log-likelihood recomputed at the fitted parameters', () => {
    expect(bgnbdLogLikelihood(fit, cdnow)).toBeCloseTo(fit.logLikelihood, 9);
    expect(bgnbdLogLikelihood(published, cdnow)).toBeCloseTo(-9582.4, 1);
  });

  it('predicts 1.226 purchases in 39 weeks for the paper’s customer (x=2, tx=30.43, T=38.86)', () => {
    expect(expectedPurchases(published, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
    expect(expectedPurchases(fit, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 2);
  });

  it('shrinks a penalised fit towards 1 and still returns finite values', () => {
    const penalised = fitBgnbd(cdnow, { penalty: 100 });
    expect(penalised.logLikelihood).toBeLessThan(fit.logLikelihood);
    expect(Math.abs(Math.log(penalised.r))).toBeLessThan(Math.abs(Math.log(fit.r)));
  });
});

describe('probabilityAlive', () => {
  it('is 1 for customers without repeat purchases', () => {
    expect(probabilityAlive(published, 0, 0, 38.86)).toBe(1);
    expect(probabilityAlive(published, 0, 0, 0)).toBe(1);
  });

  it('matches the closed form and falls as the customer lapses', () => {
    const { r, alpha, a, b } = published;
    const closedForm = 1 / (1 + (a / (b + 2 - 1)) * ((alpha + 38.86) / (alpha + 30.43)) ** (r + 2));
    expect(probabilityAlive(published, 2, 30.43, 38.86)).toBeCloseTo(closedForm, 14);
    expect(probabilityAlive(published, 2, 5, 38.86)).toBeLessThan(probabilityAlive(published, 2, 30.43, 38.86));
  });

  it('underflows to 0 rather than NaN for a long-lapsed heavy buyer', () => {
    const value = probabilityAlive(published, 500, 1, 1e6);
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThan(1e-100);
  });
});

describe('expectedPurchases edge inputs', () => {
  const cases: Array<[number, number, number, number]> = [
    [39, 0, 0, 38.86],
    [39, 0, 0, 0],
    [39, 1, 0, 0],
    [39, 3, 0, 10],
    [1e4, 0, 0, 38.86],
    [39, 200, 38, 38.86],
  ];
  it.each(cases)('t=%d, x=%d, tx=%d, T=%d is finite and non-negative', (t, x, tx, T) => {
    const value = expectedPurchases(published, t, x, tx, T);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThanOrEqual(0);
  });

  it('is 0 for a zero horizon and grows with the horizon', () => {
    expect(expectedPurchases(published, 0, 2, 30.43, 38.86)).toBe(0);
    expect(expectedPurchases(published, 78, 2, 30.43, 38.86)).toBeGreaterThan(expectedPurchases(published, 39, 2, 30.43, 38.86));
  });

  it('is continuous through the removable singularities a = 1 and (for x = 0) a + b = 1', () => {
    const near = (params: typeof published) => expectedPurchases(params, 39, 0, 0, 38.86);
    expect(near({ ...published, a: 1 })).toBeCloseTo(near({ ...published, a: 1.001 }), 2);
    expect(near({ ...published, a: 0.4, b: 0.6 })).toBeCloseTo(near({ ...published, a: 0.4, b: 0.601 }), 2);
    expect(Number.isFinite(expectedPurchases({ ...published, a: 1 }, 39, 2, 30.43, 38.86))).toBe(true);
  });

  it('rejects invalid customers instead of returning NaN', () => {
    expect(() => expectedPurchases(published, 39, 1, 40, 38.86)).toThrow(RangeError);
    expect(() => expectedPurchases(published, -1, 1, 1, 2)).toThrow(RangeError);
    expect(() => probabilityAlive(published, 1.5, 1, 2)).toThrow(RangeError);
  });
});

describe('fitBgnbd on unusable data', () => {
  it('throws ClvFitError when nobody made a repeat purchase', () => {
    const zeros = arrays(Array.from({ length: 120 }, () => [0, 0, 30] as [number, number, number]));
    expect(() => fitBgnbd(zeros)).toThrow(ClvFitError);
    expect(() => fitBgnbd(zeros)).toThrow('BG/NBD needs at least one repeat buyer; all 120 customers have 0 repeat purchases');
  });

  it('throws ClvFitError for no customers, negative or non-finite inputs, and tx > T', () => {
    expect(() => fitBgnbd(arrays([]))).toThrow(ClvFitError);
    expect(() => fitBgnbd(arrays([[1, 2, 3], [-1, 0, 3]]))).toThrow(/index 1 has x = -1/);
    expect(() => fitBgnbd(arrays([[1, Number.NaN, 3]]))).toThrow(ClvFitError);
    expect(() => fitBgnbd(arrays([[1, 2, Infinity]]))).toThrow(ClvFitError);
    expect(() => fitBgnbd(arrays([[1, 4, 3]]))).toThrow(/tx = 4 > T = 3/);
    expect(() => fitBgnbd({ x: new Float64Array(2), tx: new Float64Array(1), T: new Float64Array(2) })).toThrow(ClvFitError);
  });

  it('returns finite parameters for a tiny data set with zero times', () => {
    const tiny = fitBgnbd(arrays([[1, 0, 0], [0, 0, 0], [2, 1, 1]]));
    for (const value of [tiny.r, tiny.alpha, tiny.a, tiny.b, tiny.logLikelihood]) expect(Number.isFinite(value)).toBe(true);
  });
});
