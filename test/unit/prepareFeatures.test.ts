import { describe, expect, it } from 'vitest';
import { standardise } from '../../src/segmentation/featureMatrix.js';
import { prepareFeatures } from '../../src/segmentation/prepareFeatures.js';
import { restandardise } from '../../src/segmentation/restandardise.js';
import { UserFacingError } from '../../src/userFacingError.js';

describe('prepareFeatures', () => {
  it('robust: centers on the median and divides by the IQR, so one outlier does not squash the rest', () => {
    // Column: 1..8 and an outlier of 1000. Median 5; Q1 3, Q3 7 (linear interpolation); IQR 4.
    const matrix = { n: 9, d: 1, values: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 1000]) };
    const preparation = prepareFeatures(matrix, { method: 'robust' });
    expect(preparation.columns).toEqual([{ center: 5, scale: 4, weight: 1, scaledBy: 'median/IQR' }]);
    expect(Array.from(matrix.values)).toEqual([-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 248.75]);
  });

  it('robust falls back to mean/sd for a column whose IQR is 0, and to scale 1 for a constant one', () => {
    // Column 0: mostly 1 (IQR 0) → z-score; column 1: constant → zeros.
    const matrix = { n: 5, d: 2, values: Float64Array.from([1, 4, 1, 4, 1, 4, 1, 4, 6, 4]) };
    const preparation = prepareFeatures(matrix, { method: 'robust' });
    expect(preparation.columns[0]).toEqual({ center: 2, scale: Math.sqrt(5), weight: 1, scaledBy: 'mean/sd' });
    expect(preparation.columns[1]).toEqual({ center: 4, scale: 1, weight: 1, scaledBy: 'mean/sd' });
    expect(Array.from(matrix.values).filter((_, i) => i % 2 === 1)).toEqual([0, 0, 0, 0, 0]);
  });

  it('z-score with weight 1 is exactly standardise', () => {
    const a = { n: 4, d: 2, values: Float64Array.from([1, 10, 2, 40, 3, 30, 9, 20]) };
    const b = { n: 4, d: 2, values: Float64Array.from(a.values) };
    const preparation = prepareFeatures(a, { method: 'z-score' });
    const scaling = standardise(b);
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(preparation.means).toEqual(scaling.means);
    expect(preparation.stdDevs).toEqual(scaling.stdDevs);
  });

  it('applies weights after scaling and exposes scale ÷ weight so restandardise maps centroids between runs', () => {
    const matrix = { n: 3, d: 2, values: Float64Array.from([1, 10, 2, 20, 3, 30]) };
    const preparation = prepareFeatures(matrix, { method: 'z-score', weights: [2, 0.5] });
    expect(Array.from(matrix.values)).toEqual([-2, -0.5, 0, 0, 2, 0.5]);
    expect(preparation.stdDevs).toEqual([0.5, 20]);
    // Row 3 in weighted space, moved to plain z-scores, is back to (1, 1).
    const moved = restandardise(Float64Array.from([2, 0.5]), 2, preparation, { means: [2, 20], stdDevs: [1, 10] });
    expect(Array.from(moved)).toEqual([1, 1]);
  });

  it('refuses weights that are not positive or do not match the features', () => {
    const matrix = () => ({ n: 2, d: 2, values: Float64Array.from([1, 2, 3, 4]) });
    expect(() => prepareFeatures(matrix(), { method: 'robust', weights: [1, 0] })).toThrow(UserFacingError);
    expect(() => prepareFeatures(matrix(), { method: 'robust', weights: [1] })).toThrow(/2 features but 1 feature weights/);
  });
});
