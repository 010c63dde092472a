import { formatCount, formatKpiValue, formatShare } from '../formatNumbers.js';
import { comparisonCells, schemeComparisonRows } from '../kpiImpact.js';
import { largestMoves, stayedShare } from '../migrationMoves.js';
import { ALL_CUSTOMERS, type ComparisonRow, type ReportData, type ReportScheme } from '../reportData.js';
import { reportNotices } from '../reportNotices.js';
import { schemeTitle } from '../schemeTitle.js';
import { markdownTable } from './markdownTable.js';

const MOVES_SHOWN = 5;
const NUMERIC = [false, true, true, true, true, false];

/** A KPI label, with why it is not available when a value is null. */
function kpiCell(row: ComparisonRow, note: string | null): string {
  return note ? `${row.kpiLabel} (n/a: ${note})` : row.kpiLabel;
}

function comparisonRows(rows: readonly ComparisonRow[], currency: string, withSegment: boolean): string[][] {
  return rows.map((row) => {
    const cells = comparisonCells(row, currency);
    const impact = row.isUnderperforming ? `**${cells.impact}**` : cells.impact;
    const kpi = kpiCell(row, cells.note);
    return [...(withSegment ? [row.segmentLabel] : []), kpi, cells.before, cells.after, cells.change, cells.pctChange, impact];
  });
}

function overview(data: ReportData, currency: string): string[] {
  const rows = data.comparison.filter((r) => r.scheme === ALL_CUSTOMERS);
  if (data.previous && rows.length > 0) {
    return ['## All customers', '', markdownTable(['KPI', data.previous.quarter, data.current.quarter, 'Change', '% change', 'Impact'], comparisonRows(rows, currency, false), NUMERIC)];
  }
  const snapshot = data.history.find((s) => s.scheme === ALL_CUSTOMERS && s.quarter === data.current.quarter);
  if (!snapshot) return [];
  const table = data.definitions.map((d) => {
    const value = snapshot.values[d.kpi] ?? null;
    const reason = value === null ? snapshot.nullReasons[d.kpi] : undefined;
    return [reason ? `${d.label} (n/a: ${reason})` : d.label, formatKpiValue(value, d.unit, currency)];
  });
  return ['## All customers', '', markdownTable(['KPI', data.current.quarter], table, [false, true])];
}

function scheme(data: ReportData, name: ReportScheme, currency: string): string[] {
  const now = data.history.filter((s) => s.scheme === name && s.quarter === data.current.quarter);
  const total = now.reduce((sum, s) => sum + (s.values.customers ?? 0), 0);
  const sizes = markdownTable(
    ['Segment', 'Customers', 'Share of customers', `Share of ${data.current.quarter} revenue`],
    now.map((s) => [s.segmentLabel, formatCount(s.values.customers ?? 0), formatShare(total === 0 ? null : (s.values.customers ?? 0) / total), formatShare(s.values.revenue_share ?? null)]),
    [false, true, true, true],
  );
  const out = ['', `## ${schemeTitle(name)}`, '', sizes];
  const flagged = data.comparison.filter((r) => r.scheme === name && r.isUnderperforming);
  if (data.previous) {
    const labels = [...new Set(flagged.map((r) => r.segmentLabel))];
    out.push('', labels.length === 0
      ? `No segment is underperforming against ${data.previous.quarter}.`
      : `**Underperforming against ${data.previous.quarter}:** ${labels.map((l) => `${l} (${flagged.filter((r) => r.segmentLabel === l).map((r) => r.kpiLabel).join(', ')})`).join('; ')}.`);
    const rows = schemeComparisonRows(data.comparison, name);
    if (rows.length > 0) {
      out.push('', '### Key KPIs by segment', '', markdownTable(['Segment', 'KPI', data.previous.quarter, data.current.quarter, 'Change', '% change', 'Impact'], comparisonRows(rows, currency, true), [false, ...NUMERIC]));
    }
  }
  const flows = data.migration.filter((f) => f.scheme === name);
  if (data.previous && flows.length > 0) {
    const stayed = stayedShare(flows);
    out.push('', `### Largest moves since ${data.previous.quarter}`, '');
    if (stayed !== null) out.push(`${formatShare(stayed)} of the customers segmented in both quarters kept their segment.`, '');
    out.push(markdownTable(['From', 'To', 'Customers'], largestMoves(flows, MOVES_SHOWN).map((f) => [f.fromLabel ?? '', f.toLabel ?? '', formatCount(f.customers)]), [false, false, true]));
  }
  const suggestions = data.suggestions.filter((s) => s.scheme === name);
  out.push('', '### Suggestions', '');
  out.push(suggestions.length === 0
    ? '_No merge or split suggested._'
    : suggestions.map((s) => `- **${s.suggestion === 'merge' ? 'Merge' : 'Split'}** ${s.segmentLabel}${s.withSegmentLabel ? ` into ${s.withSegmentLabel}` : ''}: ${s.reason}`).join('\n'));
  return out;
}

/** The report for chat and email: headline notices and tables, no charts. */
export function reportMarkdown(data: ReportData, currency: string): string {
  const title = data.previous ? `${data.current.quarter} compared with ${data.previous.quarter}` : data.current.quarter;
  const lines = [`# Quarterly review: ${title}`, ''];
  for (const notice of reportNotices(data)) lines.push(`> ${notice}`, '');
  lines.push(...overview(data, currency));
  for (const name of data.schemes) lines.push(...scheme(data, name, currency));
  lines.push('', `_Amounts in ${currency}; changes of rates are in percentage points (pp). From published runs only._`);
  return `${lines.join('\n')}\n`;
}
