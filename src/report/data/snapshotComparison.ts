import type { ComparisonRow, KpiDefinition, SnapshotRow } from '../reportData.js';

/**
 * The comparison of two quarters that are not consecutive (e.g. a year apart), computed from their
 * snapshots the way segflow.kpi_quarter_comparison computes consecutive ones. That view alone owns
 * the underperforming rule and its thresholds, so these rows are never flagged.
 */
export function snapshotComparison(
  definitions: readonly KpiDefinition[],
  history: readonly SnapshotRow[],
  quarter: string,
  previousQuarter: string,
): ComparisonRow[] {
  const key = (row: SnapshotRow) => `${row.scheme}/${row.segmentId}`;
  const current = new Map(history.filter((r) => r.quarter === quarter).map((r) => [key(r), r]));
  const previous = new Map(history.filter((r) => r.quarter === previousQuarter).map((r) => [key(r), r]));
  const segments = [...new Set([...current.keys(), ...previous.keys()])];
  const rows = segments.flatMap((segment) => {
    const now = current.get(segment);
    const before = previous.get(segment);
    const any = (now ?? before)!;
    return definitions.map((d): ComparisonRow => {
      const currentValue = now?.values[d.kpi] ?? null;
      const previousValue = before?.values[d.kpi] ?? null;
      // Rounded like the view's numeric columns, so 2449517.71 - 554604.02 is 1894913.69, not ...689999.
      const change = currentValue === null || previousValue === null ? null : Number((currentValue - previousValue).toFixed(6));
      return {
        scheme: any.scheme,
        segmentId: any.segmentId,
        segmentLabel: now?.segmentLabel ?? any.segmentLabel,
        kpi: d.kpi,
        kpiLabel: d.label,
        unit: d.unit,
        previousValue,
        currentValue,
        change,
        pctChange: change === null || previousValue === 0 || previousValue === null ? null : Number((change / Math.abs(previousValue)).toFixed(6)),
        higherIsBetter: d.higherIsBetter,
        isKey: d.isKey,
        isUnderperforming: false,
        currentIsPartial: now?.isPartial ?? false,
        displayOrder: d.displayOrder,
        previousNullReason: previousValue === null ? before?.nullReasons[d.kpi] ?? null : null,
        currentNullReason: currentValue === null ? now?.nullReasons[d.kpi] ?? null : null,
      };
    });
  });
  return rows.sort((a, b) => a.scheme.localeCompare(b.scheme) || a.segmentId - b.segmentId || a.displayOrder - b.displayOrder);
}
