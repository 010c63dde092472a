import { describe, expect, it } from 'vitest';
import { fmScore, RFM_SEGMENTS, rfmCells, rfmSegmentOf } from '../../src/segmentation/rfmSegmentMap.js';

describe('RFM segment map', () => {
  it('maps each of the 125 R×F×M cells to exactly one named segment', () => {
    const cells = rfmCells();
    expect(cells).toHaveLength(125);
    expect(new Set(cells.map((c) => `${c.r}${c.f}${c.m}`)).size).toBe(125);
    for (const cell of cells) expect(RFM_SEGMENTS.map((s) => s.id)).toContain(cell.segment_id);
  });

  it('uses all eleven canonical segments', () => {
    expect(new Set(rfmCells().map((c) => c.segment_id)).size).toBe(11);
    expect(RFM_SEGMENTS.map((s) => s.label)).toEqual([
      'Champions', 'Loyal', 'Potential Loyalists', 'New', 'Promising', 'Need Attention',
      'About to Sleep', 'At Risk', "Can't Lose Them", 'Hibernating', 'Lost',
    ]);
  });

  it.each([
    [5, 5, 5, 'Champions'],
    [5, 1, 1, 'New'],
    [4, 1, 1, 'Promising'],
    [1, 5, 5, "Can't Lose Them"],
    [2, 3, 4, 'At Risk'],
    [1, 1, 1, 'Lost'],
    [1, 2, 2, 'Hibernating'],
    [3, 2, 3, 'Need Attention'],
  ])('R%i F%i M%i is %s', (r, f, m, label) => {
    expect(rfmSegmentOf(r, f, m).label).toBe(label);
  });

  it('rounds the FM average half up', () => {
    expect(fmScore(1, 2)).toBe(2);
    expect(fmScore(4, 5)).toBe(5);
    expect(fmScore(3, 3)).toBe(3);
  });

  it('rejects scores outside 1..5', () => {
    expect(() => rfmSegmentOf(0, 3, 3)).toThrow(/R score must be an integer from 1 to 5/);
    expect(() => rfmSegmentOf(3, 6, 3)).toThrow(/F score/);
  });
});
