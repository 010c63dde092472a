import { describe, expect, it } from 'vitest';
import { bgnbdLogLikelihood, fitBgnbd, sumBgnbdLogLikelihood, type BgnbdParams } from '../../../src/features/clv/bgnbd.js';
import { compressBgnbdData, withUnitWeights, type WeightedBgnbdData } from '../../../src/features/clv/compressSummary.js';
import { fitOnLogScale } from '../../../src/features/clv/fitOnLogScale.js';
import { repeatLevels } from '../../../src/features/clv/repeatLevels.js';
import { logAddExp, logGamma } from '../../../src/features/clv/specialFunctions.js';
import { readCdnowSummary } from './readCdnowSummary.js';

const cdnow = readCdnowSummary();
const published: BgnbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const trials: BgnbdParams[] = [published, { r: 1, alpha: 1, a: 1, b: 1 }, { r: 3.5, alpha: 0.2, a: 0.05, b: 40 }];
const sum = ({ r, alpha, a, b }: BgnbdParams, data: WeightedBgnbdData) =>
  sumBgnbdLogLikelihood(r, alpha, a, b, data, repeatLevels(data.x, data.weight));

/** FHL 2005 eq. 6, one customer at a time with every gamma function evaluated per customer. */
function naiveLogLikelihood({ r, alpha, a, b }: BgnbdParams, x: number, tx: number, T: number): number {
  const common = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
  const alive = -(r + x) * Math.log(alpha + T);
  if (x === 0) return common + alive;
  return common + logAddExp(alive, Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx));
}

describe('compressBgnbdData', () => {
  it('merges identical triples in order of first appearance and counts them', () => {
    const data = {
      x: Float64Array.from([0, 2, 0, 2, 2, 0, 1]),
      tx: Float64Array.from([0, 3, 0, 3, 3, -0, 1]),
      T: Float64Array.from([5, 6, 5, 6, 7, 5, 5]),
    };
    const compressed = compressBgnbdData(data);
    expect(Array.from(compressed.x)).toEqual([0, 2, 2, 1]);
    expect(Array.from(compressed.tx)).toEqual([0, 3, 3, 1]);
    expect(Array.from(compressed.T)).toEqual([5, 6, 7, 5]);
    expect(Array.from(compressed.weight)).toEqual([3, 2, 1, 1]);
    expect(compressed.customers).toBe(7);
    expect(repeatLevels(compressed.x, compressed.weight)).toEqual(repeatLevels(data.x));
  });

  it('handles an empty summary', () => {
    const empty = new Float64Array(0);
    const compressed = compressBgnbdData({ x: empty, tx: empty, T: empty });
    expect(compressed.x.length).toBe(0);
    expect(compressed.customers).toBe(0);
  });

  it('shrinks the CDNOW summary and keeps every customer', () => {
    const compressed = compressBgnbdData(cdnow);
    expect(compressed.x.length).toBeLessThan(cdnow.x.length);
    expect(compressed.weight.reduce((total, w) => total + w, 0)).toBe(2357);
    expect(repeatLevels(compressed.x, compressed.weight)).toEqual(repeatLevels(cdnow.x));
  });
});

describe('weighted BG/NBD log-likelihood on CDNOW', () => {
  const compressed = compressBgnbdData(cdnow);
  const unit = withUnitWeights(cdnow);

  it.each(trials)('matches the per-customer sum at %o to 1e-9 relative', (params) => {
    const weighted = sum(params, compressed);
    const unweighted = sum(params, unit);
    let naive = 0;
    for (let i = 0; i < cdnow.x.length; i++) naive += naiveLogLikelihood(params, cdnow.x[i]!, cdnow.tx[i]!, cdnow.T[i]!);
    expect(Math.abs(weighted / unweighted - 1)).toBeLessThan(1e-9);
    expect(Math.abs(weighted / naive - 1)).toBeLessThan(1e-9);
    expect(bgnbdLogLikelihood(params, cdnow)).toBe(weighted);
  });

  // Nelder–Mead stops once the simplex values agree to 1e-12 relative, which pins the CDNOW estimates only to
  // about 1e-6: merely reversing the customers' order (a different summation order, as compression is) moves
  // the unweighted fit by 1e-6. So the estimates are compared at that precision, and the maxima to 1e-12.
  it('reaches the same maximum as the uncompressed per-customer likelihood', () => {
    const levels = repeatLevels(cdnow.x);
    const reference = fitOnLogScale('BG/NBD', 4, (p) => sumBgnbdLogLikelihood(p[0]!, p[1]!, p[2]!, p[3]!, unit, levels));
    const fit = fitBgnbd(cdnow);
    [fit.r, fit.alpha, fit.a, fit.b].forEach((value, k) => expect(Math.abs(value / reference.params[k]! - 1)).toBeLessThan(1e-5));
    expect(Math.abs(fit.logLikelihood / reference.logLikelihood - 1)).toBeLessThan(1e-12);
    expect(Math.abs(sum(fit, unit) / reference.logLikelihood - 1)).toBeLessThan(1e-12);
  });
});
