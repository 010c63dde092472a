/** The canonical named RFM segments and the rule that maps every R×F×M cell to exactly one of them. */
export interface RfmSegment {
  id: number;
  label: string;
  rule: string;
}

export const RFM_SEGMENTS: readonly RfmSegment[] = [
  { id: 1, label: 'Champions', rule: 'bought recently, buy often and spend the most (R 4-5, FM 4-5)' },
  { id: 2, label: 'Loyal', rule: 'buy regularly and spend well (R 4, FM 3 or R 3, FM 4-5)' },
  { id: 3, label: 'Potential Loyalists', rule: 'recent customers with average frequency and spend (R 5, FM 2-3 or R 4, FM 2)' },
  { id: 4, label: 'New', rule: 'bought very recently, once or for little (R 5, FM 1)' },
  { id: 5, label: 'Promising', rule: 'recent, low frequency and spend (R 4, FM 1)' },
  { id: 6, label: 'Need Attention', rule: 'average recency, frequency and spend (R 3, FM 2-3)' },
  { id: 7, label: 'About to Sleep', rule: 'below-average recency, low frequency and spend (R 3, FM 1 or R 2, FM 1-2)' },
  { id: 8, label: 'At Risk', rule: 'spent well and often, but long ago (R 2, FM 3-4 or R 1, FM 3)' },
  { id: 9, label: "Can't Lose Them", rule: 'were among the best customers, not seen for long (R 2, FM 5 or R 1, FM 4-5)' },
  { id: 10, label: 'Hibernating', rule: 'last purchase long ago, low frequency and spend (R 1, FM 2)' },
  { id: 11, label: 'Lost', rule: 'lowest recency, frequency and spend (R 1, FM 1)' },
];

/** Segment id by R score (row, 5 first) and FM score (column, 1 first); FM = round((F + M) / 2), halves up. */
const GRID: Readonly<Record<number, readonly number[]>> = {
  5: [4, 3, 3, 1, 1],
  4: [5, 3, 2, 1, 1],
  3: [7, 6, 6, 2, 2],
  2: [7, 7, 8, 8, 9],
  1: [11, 10, 8, 9, 9],
};

function checkScore(name: string, score: number): void {
  if (!Number.isInteger(score) || score < 1 || score > 5) {
    throw new RangeError(`${name} score must be an integer from 1 to 5, got ${score}`);
  }
}

export function fmScore(f: number, m: number): number {
  return Math.floor((f + m) / 2 + 0.5);
}

export function rfmSegmentOf(r: number, f: number, m: number): RfmSegment {
  checkScore('R', r);
  checkScore('F', f);
  checkScore('M', m);
  const id = GRID[r]![fmScore(f, m) - 1]!;
  return RFM_SEGMENTS[id - 1]!;
}

/** All 125 cells, for a set-based join in SQL. */
export function rfmCells(): Array<{ r: number; f: number; m: number; segment_id: number }> {
  const cells = [];
  for (let r = 1; r <= 5; r++) {
    for (let f = 1; f <= 5; f++) {
      for (let m = 1; m <= 5; m++) cells.push({ r, f, m, segment_id: rfmSegmentOf(r, f, m).id });
    }
  }
  return cells;
}
