import { comparisonCells, kpiImpact } from '../kpiImpact.js';
import { formatKpiValue } from '../formatNumbers.js';
import type { RenderedChart } from '../reportCharts.js';
import { ALL_CUSTOMERS, type ReportData } from '../reportData.js';
import { comparisonTable } from './comparisonTable.js';
import { escapeHtml } from './escapeHtml.js';
import { figure } from './figure.js';
import { snapshotTable } from './snapshotTable.js';

const TONE: Record<string, string> = { better: 'better', worse: 'worse', underperforming: 'worse' };

/** Headline numbers of the key KPIs for all customers, each with its change. */
function tiles(data: ReportData, currency: string): string {
  const rows = data.comparison.filter((r) => r.scheme === ALL_CUSTOMERS && r.isKey);
  if (rows.length > 0) {
    return `<div class="tiles">${rows.map((r) => {
      const cells = comparisonCells(r, currency);
      const tone = TONE[kpiImpact(r)] ?? '';
      return `<div class="tile" data-kpi="${escapeHtml(r.kpi)}"><div class="label">${escapeHtml(r.kpiLabel)}</div><div class="value">${escapeHtml(cells.after)}</div>`
        + `<div class="delta ${tone}">${escapeHtml(cells.change)} (${escapeHtml(cells.pctChange)}) vs ${escapeHtml(data.previous!.quarter)}</div></div>`;
    }).join('')}</div>`;
  }
  const all = data.history.find((s) => s.scheme === ALL_CUSTOMERS && s.quarter === data.current.quarter);
  if (!all) return '';
  return `<div class="tiles">${data.definitions.filter((d) => d.isKey).map((d) =>
    `<div class="tile" data-kpi="${escapeHtml(d.kpi)}"><div class="label">${escapeHtml(d.label)}</div><div class="value">${escapeHtml(formatKpiValue(all.values[d.kpi] ?? null, d.unit, currency))}</div></div>`).join('')}</div>`;
}

export function overviewSection(data: ReportData, trends: RenderedChart, currency: string): string {
  const rows = data.comparison.filter((r) => r.scheme === ALL_CUSTOMERS);
  const snapshot = data.history.find((s) => s.scheme === ALL_CUSTOMERS && s.quarter === data.current.quarter);
  const table = data.previous && rows.length > 0
    ? `<h3>Every KPI, ${escapeHtml(data.previous.quarter)} to ${escapeHtml(data.current.quarter)}</h3>${comparisonTable(rows, { before: data.previous.quarter, after: data.current.quarter }, currency)}`
    : snapshot
      ? `<h3>Every KPI in ${escapeHtml(data.current.quarter)}</h3>${snapshotTable(data.definitions, snapshot, currency)}`
      : '';
  return `<section id="overview"><h2>All customers</h2>${tiles(data, currency)}${figure(trends)}${table}</section>`;
}
