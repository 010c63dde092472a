import { adjustedRandIndexOfCells, type ContingencyCell } from './adjustedRandIndex.js';

export interface SegmentStability {
  previousRunId: string;
  /** Customers assigned in both runs. */
  commonCustomers: number;
  /** ARI of the two runs' segments over the common customers; null with fewer than 2 of them. */
  adjustedRandIndex: number | null;
  /** Share of the common customers whose segment id is the same in both runs. */
  keptSegmentIdShare: number | null;
}

/** Customers in segment `truth` before and `predicted` now (a cell of the runs' contingency table). */
export type SegmentTransition = ContingencyCell;

/** How much the segmentation moved since the previous run, from the count of customers per (before, now) pair. */
export function stabilityOfTransitions(previousRunId: string, transitions: readonly SegmentTransition[]): SegmentStability {
  let common = 0;
  let kept = 0;
  for (const { truth, predicted, count } of transitions) {
    common += count;
    if (truth === predicted) kept += count;
  }
  const round = (x: number) => Number(x.toFixed(6));
  return {
    previousRunId,
    commonCustomers: common,
    adjustedRandIndex: common >= 2 ? round(adjustedRandIndexOfCells(transitions)) : null,
    keptSegmentIdShare: common >= 1 ? round(kept / common) : null,
  };
}

/** The same, on the customers both runs know, from the assignments in memory. */
export function segmentStability(
  previousRunId: string,
  customerIds: readonly string[],
  segmentIds: ArrayLike<number>,
  previous: ReadonlyMap<string, number>,
): SegmentStability {
  const cells = new Map<string, SegmentTransition>();
  customerIds.forEach((customerId, i) => {
    const before = previous.get(customerId);
    if (before === undefined) return;
    const now = segmentIds[i]!;
    const key = `${before}\u0000${now}`;
    const cell = cells.get(key);
    if (cell) cell.count += 1;
    else cells.set(key, { truth: before, predicted: now, count: 1 });
  });
  return stabilityOfTransitions(previousRunId, [...cells.values()]);
}
