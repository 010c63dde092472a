import type { Knex } from 'knex';
import type { ComparisonRow, SnapshotRow } from '../reportData.js';
import { numberOrNull } from './readNumber.js';

/** Every KPI of every segment of the schemes, this quarter against the compared one, with the reasons for nulls. */
export async function quarterComparison(
  db: Knex,
  schemes: readonly string[],
  quarter: string,
  previousQuarter: string,
  history: readonly SnapshotRow[],
): Promise<ComparisonRow[]> {
  const rows: Array<Record<string, unknown>> = await db('segflow.kpi_quarter_comparison')
    .select('*')
    .whereIn('scheme', schemes)
    .andWhere({ quarter, previous_quarter: previousQuarter })
    .orderBy([{ column: 'scheme' }, { column: 'segment_id' }, { column: 'display_order' }]);
  const reasons = new Map(history.map((s) => [`${s.quarter}/${s.scheme}/${s.segmentId}`, s.nullReasons]));
  const reason = (q: string, r: Record<string, unknown>) => reasons.get(`${q}/${String(r.scheme)}/${Number(r.segment_id)}`)?.[String(r.kpi)] ?? null;
  return rows.map((r) => ({
    scheme: String(r.scheme),
    segmentId: Number(r.segment_id),
    segmentLabel: String(r.segment_label),
    kpi: String(r.kpi),
    kpiLabel: String(r.kpi_label),
    unit: r.unit as ComparisonRow['unit'],
    previousValue: numberOrNull(r.previous_value),
    currentValue: numberOrNull(r.current_value),
    change: numberOrNull(r.change),
    pctChange: numberOrNull(r.pct_change),
    higherIsBetter: r.higher_is_better === null ? null : Boolean(r.higher_is_better),
    isKey: Boolean(r.is_key),
    isUnderperforming: Boolean(r.is_underperforming),
    currentIsPartial: Boolean(r.current_is_partial),
    displayOrder: Number(r.display_order),
    previousNullReason: r.previous_value === null ? reason(previousQuarter, r) : null,
    currentNullReason: r.current_value === null ? reason(quarter, r) : null,
  }));
}
