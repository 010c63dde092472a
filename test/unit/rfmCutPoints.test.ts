import { describe, expect, it } from 'vitest';
import { checkRfmCutPoints, rfmScoringRecord } from '../../src/segmentation/rfmCutPoints.js';
import { UserFacingError } from '../../src/userFacingError.js';

describe('RFM cut points', () => {
  it('accepts four increasing values per dimension and records quintiles for the others', () => {
    const cuts = checkRfmCutPoints({ frequency: [1, 2, 4, 8] });
    expect(cuts).toEqual({ frequency: [1, 2, 4, 8] });
    const record = rfmScoringRecord(cuts);
    expect(record.recency).toEqual({ method: 'quintiles' });
    expect(record.frequency).toMatchObject({ method: 'cut points', cutPoints: [1, 2, 4, 8] });
    expect(checkRfmCutPoints(undefined)).toEqual({});
  });

  it.each([
    [{ frequency: [1, 2, 4] }, /not four increasing numbers/],
    [{ monetary: [10, 5, 20, 30] }, /not four increasing numbers/],
    [{ recency: [30, 30, 90, 180] }, /not four increasing numbers/],
    [{ monetary: [1, 2, Number.NaN, 4] }, /not four increasing numbers/],
    [{ loyalty: [1, 2, 3, 4] }, /unknown dimension "loyalty"/],
  ])('refuses %j with a clear error', (cuts, message) => {
    const error = (() => { try { checkRfmCutPoints(cuts as never); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as Error).message).toMatch(message);
  });
});
