import { describe, expect, it } from 'vitest';
import { hungarian } from '../../src/segmentation/hungarian.js';
import { seededRandom } from '../../src/segmentation/seededRandom.js';

function totalCost(cost: number[][], assignment: number[]): number {
  return assignment.reduce((sum, column, row) => sum + (column >= 0 ? cost[row]![column]! : 0), 0);
}

/** Smallest total cost over every injective assignment of the smaller side, by brute force. */
function bruteForceMinimum(cost: number[][]): number {
  const rows = cost.length;
  const cols = cost[0]!.length;
  let best = Infinity;
  const used = new Array<boolean>(cols).fill(false);
  const visit = (row: number, sum: number, assigned: number) => {
    if (row === rows) {
      if (assigned === Math.min(rows, cols)) best = Math.min(best, sum);
      return;
    }
    if (rows - row + assigned > Math.min(rows, cols)) visit(row + 1, sum, assigned); // leave this row out
    for (let j = 0; j < cols; j++) {
      if (used[j]) continue;
      used[j] = true;
      visit(row + 1, sum + cost[row]![j]!, assigned + 1);
      used[j] = false;
    }
  };
  visit(0, 0, 0);
  return best;
}

describe('hungarian', () => {
  it('solves a textbook 3×3 case', () => {
    // Optimum: row 0 → 1, row 1 → 0, row 2 → 2, total 1 + 2 + 2 = 5.
    const cost = [[4, 1, 3], [2, 0, 5], [3, 2, 2]];
    expect(hungarian(cost)).toEqual([1, 0, 2]);
    expect(totalCost(cost, hungarian(cost))).toBe(5);
  });

  it('returns the identity for a matrix whose diagonal is zero and the rest positive', () => {
    const cost = [[0, 3, 4, 5], [3, 0, 2, 6], [4, 2, 0, 1], [5, 6, 1, 0]];
    expect(hungarian(cost)).toEqual([0, 1, 2, 3]);
  });

  it('leaves the extra rows unassigned when rows outnumber columns, and uses each column once', () => {
    const cost = [[1, 9], [9, 1], [0.5, 0.5]];
    const assignment = hungarian(cost);
    expect(assignment.filter((c) => c >= 0).sort()).toEqual([0, 1]);
    expect(totalCost(cost, assignment)).toBe(1.5);
    expect(assignment.filter((c) => c === -1)).toHaveLength(1);
  });

  it('matches brute force on 200 random rectangular matrices up to 6×6', () => {
    const random = seededRandom(17);
    for (let trial = 0; trial < 200; trial++) {
      const rows = 1 + Math.floor(random() * 6);
      const cols = 1 + Math.floor(random() * 6);
      const cost = Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.round(random() * 100) / 10));
      const assignment = hungarian(cost);
      const columns = assignment.filter((c) => c >= 0);
      expect(new Set(columns).size).toBe(columns.length);
      expect(columns).toHaveLength(Math.min(rows, cols));
      expect(totalCost(cost, assignment)).toBeCloseTo(bruteForceMinimum(cost), 9);
    }
  });

  it('handles empty input and refuses ragged or non-finite costs', () => {
    expect(hungarian([])).toEqual([]);
    expect(() => hungarian([[1, 2], [3]])).toThrow(/row 1 has 1 columns/);
    expect(() => hungarian([[1, Number.NaN]])).toThrow(/finite/);
  });
});
