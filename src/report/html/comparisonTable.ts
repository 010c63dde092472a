import { comparisonCells, kpiImpact } from '../kpiImpact.js';
import type { ComparisonRow } from '../reportData.js';
import { escapeHtml } from './escapeHtml.js';

export interface ComparisonHeadings {
  before: string;
  after: string;
}

function valueCell(text: string, isNull: boolean): string {
  return `<td class="num${isNull ? ' na' : ''}">${escapeHtml(text)}</td>`;
}

function comparisonRow(row: ComparisonRow, currency: string): string {
  const cells = comparisonCells(row, currency);
  const impact = kpiImpact(row);
  const note = cells.note ? `<span class="reason">n/a: ${escapeHtml(cells.note)}</span>` : '';
  return `<tr${impact === 'underperforming' ? ' class="underperforming"' : ''} data-kpi="${escapeHtml(row.kpi)}">`
    + `<td>${escapeHtml(row.kpiLabel)}${note}</td>`
    + valueCell(cells.before, row.previousValue === null)
    + valueCell(cells.after, row.currentValue === null)
    + valueCell(cells.change, row.change === null)
    + valueCell(cells.pctChange, row.pctChange === null)
    + `<td class="impact-${impact}">${escapeHtml(cells.impact)}</td></tr>`;
}

function head(headings: ComparisonHeadings): string {
  return `<thead><tr><th>KPI</th><th class="num">${escapeHtml(headings.before)}</th><th class="num">${escapeHtml(headings.after)}</th>`
    + '<th class="num">Change</th><th class="num">% change</th><th>Impact</th></tr></thead>';
}

/** Before, after, change and impact of each KPI, one row per KPI. */
export function comparisonTable(rows: readonly ComparisonRow[], headings: ComparisonHeadings, currency: string): string {
  return `<table class="comparison">${head(headings)}<tbody>${rows.map((r) => comparisonRow(r, currency)).join('')}</tbody></table>`;
}

/** The same, grouped by segment; a segment with an underperforming KPI carries a badge. */
export function segmentComparisonTable(rows: readonly ComparisonRow[], headings: ComparisonHeadings, currency: string): string {
  const segments = [...new Set(rows.map((r) => r.segmentId))];
  const groups = segments.map((id) => {
    const own = rows.filter((r) => r.segmentId === id);
    const flagged = own.some((r) => r.isUnderperforming) ? '<span class="badge">Underperforming</span>' : '';
    return `<tbody data-segment="${id}"><tr><th class="group" colspan="6">${escapeHtml(own[0]!.segmentLabel)}${flagged}</th></tr>`
      + `${own.map((r) => comparisonRow(r, currency)).join('')}</tbody>`;
  });
  return `<table class="comparison">${head(headings)}${groups.join('')}</table>`;
}
