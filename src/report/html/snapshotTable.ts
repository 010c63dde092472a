import { formatKpiValue } from '../formatNumbers.js';
import type { KpiDefinition, SnapshotRow } from '../reportData.js';
import { escapeHtml } from './escapeHtml.js';

/** Every KPI of one snapshot row, for a quarter shown without comparison; nulls with their reason. */
export function snapshotTable(definitions: readonly KpiDefinition[], row: SnapshotRow, currency: string): string {
  const body = definitions.map((d) => {
    const value = row.values[d.kpi] ?? null;
    const reason = value === null && row.nullReasons[d.kpi] ? `<span class="reason">n/a: ${escapeHtml(row.nullReasons[d.kpi]!)}</span>` : '';
    return `<tr data-kpi="${escapeHtml(d.kpi)}"><td>${escapeHtml(d.label)}${reason}</td><td class="num${value === null ? ' na' : ''}">${escapeHtml(formatKpiValue(value, d.unit, currency))}</td></tr>`;
  });
  return `<table class="snapshot"><thead><tr><th>KPI</th><th class="num">${escapeHtml(row.quarter)}</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}
