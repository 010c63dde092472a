import { describe, expect, it } from 'vitest';
import { standardise } from '../../src/segmentation/featureMatrix.js';

describe('standardise', () => {
  it('scales each column to mean 0 and sample standard deviation 1', () => {
    const matrix = { n: 3, d: 2, values: Float64Array.from([1, 10, 2, 20, 3, 30]) };
    const scaling = standardise(matrix);
    expect(scaling.means).toEqual([2, 20]);
    expect(scaling.stdDevs).toEqual([1, 10]);
    expect(Array.from(matrix.values)).toEqual([-1, -1, 0, 0, 1, 1]);
  });

  it('maps a constant column to zeros instead of dividing by zero', () => {
    const matrix = { n: 3, d: 1, values: Float64Array.from([4, 4, 4]) };
    expect(standardise(matrix).stdDevs).toEqual([1]);
    expect(Array.from(matrix.values)).toEqual([0, 0, 0]);
  });
});
