import type { MigrationFlow } from './reportData.js';

/** The largest flows of customers into a different segment, including new and lost customers. */
export function largestMoves(flows: readonly MigrationFlow[], count: number): MigrationFlow[] {
  return flows
    .filter((f) => f.fromSegmentId !== f.toSegmentId)
    .sort((a, b) => b.customers - a.customers || (a.fromSegmentId ?? -1) - (b.fromSegmentId ?? -1) || (a.toSegmentId ?? 1e9) - (b.toSegmentId ?? 1e9))
    .slice(0, count);
}

/** Customers who kept their segment from one quarter to the next, of those segmented in both. */
export function stayedShare(flows: readonly MigrationFlow[]): number | null {
  const both = flows.filter((f) => f.fromSegmentId !== null && f.toSegmentId !== null);
  const total = both.reduce((sum, f) => sum + f.customers, 0);
  if (total === 0) return null;
  return both.filter((f) => f.fromSegmentId === f.toSegmentId).reduce((sum, f) => sum + f.customers, 0) / total;
}
