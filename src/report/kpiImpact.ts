import { formatKpiChange, formatKpiValue, formatPercentChange, NOT_AVAILABLE } from './formatNumbers.js';
import type { ComparisonRow } from './reportData.js';

export type Impact = 'underperforming' | 'better' | 'worse' | 'up' | 'down' | 'unchanged' | 'unknown';

export const IMPACT_WORDS: Record<Impact, string> = {
  underperforming: 'Underperforming',
  better: 'Better',
  worse: 'Worse',
  up: 'Up',
  down: 'Down',
  unchanged: 'No change',
  unknown: NOT_AVAILABLE,
};

/** What a change means: better or worse where the KPI has a good direction, up or down where it has none. */
export function kpiImpact(row: ComparisonRow): Impact {
  if (row.isUnderperforming) return 'underperforming';
  if (row.change === null) return 'unknown';
  if (row.change === 0) return 'unchanged';
  if (row.higherIsBetter === null) return row.change > 0 ? 'up' : 'down';
  return row.change > 0 === row.higherIsBetter ? 'better' : 'worse';
}

export interface ComparisonCells {
  before: string;
  after: string;
  change: string;
  pctChange: string;
  impact: string;
  /** Why before or after is not available, when the snapshots say. */
  note: string | null;
}

/** A comparison row as the report's tables write it; a null value is "n/a" with its reason, never 0. */
export function comparisonCells(row: ComparisonRow, currency: string): ComparisonCells {
  const reasons = [
    row.previousNullReason && `before: ${row.previousNullReason}`,
    row.currentNullReason && `after: ${row.currentNullReason}`,
  ].filter((r): r is string => Boolean(r));
  const sameReason = row.previousNullReason !== null && row.previousNullReason === row.currentNullReason;
  return {
    before: formatKpiValue(row.previousValue, row.unit, currency),
    after: formatKpiValue(row.currentValue, row.unit, currency),
    change: formatKpiChange(row.change, row.unit, currency),
    pctChange: formatPercentChange(row.pctChange),
    impact: IMPACT_WORDS[kpiImpact(row)],
    note: sameReason ? row.currentNullReason : reasons.length > 0 ? reasons.join('; ') : null,
  };
}

/**
 * The rows a scheme's table shows: key KPIs, and any row flagged underperforming, of every segment
 * that had customers in at least one of the two quarters.
 */
export function schemeComparisonRows(rows: readonly ComparisonRow[], scheme: string): ComparisonRow[] {
  const own = rows.filter((r) => r.scheme === scheme);
  const empty = new Set(own.filter((r) => r.kpi === 'customers' && !r.previousValue && !r.currentValue).map((r) => r.segmentId));
  return own.filter((r) => !empty.has(r.segmentId) && (r.isKey || r.isUnderperforming));
}
