import { adjustedRandIndex } from './adjustedRandIndex.js';

export interface SegmentStability {
  previousRunId: string;
  /** Customers assigned in both runs. */
  commonCustomers: number;
  /** ARI of the two runs' segments over the common customers; null with fewer than 2 of them. */
  adjustedRandIndex: number | null;
  /** Share of the common customers whose segment id is the same in both runs. */
  keptSegmentIdShare: number | null;
}

/** How much the segmentation moved since the previous run, on the customers both runs know. */
export function segmentStability(
  previousRunId: string,
  customerIds: readonly string[],
  segmentIds: ArrayLike<number>,
  previous: ReadonlyMap<string, number>,
): SegmentStability {
  const before: number[] = [];
  const after: number[] = [];
  let kept = 0;
  customerIds.forEach((customerId, i) => {
    const old = previous.get(customerId);
    if (old === undefined) return;
    before.push(old);
    after.push(segmentIds[i]!);
    if (old === segmentIds[i]) kept++;
  });
  const common = before.length;
  const round = (x: number) => Number(x.toFixed(6));
  return {
    previousRunId,
    commonCustomers: common,
    adjustedRandIndex: common >= 2 ? round(adjustedRandIndex(before, after)) : null,
    keptSegmentIdShare: common >= 1 ? round(kept / common) : null,
  };
}
