import { formatCount, formatShare } from '../formatNumbers.js';
import { schemeComparisonRows } from '../kpiImpact.js';
import { largestMoves, stayedShare } from '../migrationMoves.js';
import type { SchemeCharts } from '../reportCharts.js';
import type { ReportData, ReportScheme } from '../reportData.js';
import { schemeTitle } from '../schemeTitle.js';
import { segmentComparisonTable } from './comparisonTable.js';
import { escapeHtml } from './escapeHtml.js';
import { figure } from './figure.js';
import { personaCards } from './personaCards.js';
import { suggestionList } from './suggestionList.js';

const MOVES_SHOWN = 8;

function underperformingSummary(data: ReportData, scheme: ReportScheme): string {
  const flagged = data.comparison.filter((r) => r.scheme === scheme && r.isUnderperforming);
  if (!data.previous) return '';
  if (flagged.length === 0) return `<p>No segment is underperforming against ${escapeHtml(data.previous.quarter)}.</p>`;
  const bySegment = [...new Set(flagged.map((r) => r.segmentLabel))].map((label) =>
    `<strong>${escapeHtml(label)}</strong> (${flagged.filter((r) => r.segmentLabel === label).map((r) => escapeHtml(r.kpiLabel)).join(', ')})`);
  return `<p>Underperforming against ${escapeHtml(data.previous.quarter)}: ${bySegment.join('; ')}.</p>`;
}

function movement(data: ReportData, scheme: ReportScheme, charts: SchemeCharts): string {
  if (!charts.migration || !data.previous) return '';
  const flows = data.migration.filter((f) => f.scheme === scheme);
  const stayed = stayedShare(flows);
  const moves = largestMoves(flows, MOVES_SHOWN).map((f) =>
    `<tr><td>${escapeHtml(f.fromLabel ?? '')}</td><td>${escapeHtml(f.toLabel ?? '')}</td><td class="num">${formatCount(f.customers)}</td></tr>`);
  return `<h3>Movement since ${escapeHtml(data.previous.quarter)}</h3>`
    + (stayed === null ? '' : `<p>${formatShare(stayed)} of the customers segmented in both quarters kept their segment.</p>`)
    + figure(charts.migration)
    + (moves.length > 0 ? `<table class="moves"><thead><tr><th>From</th><th>To</th><th class="num">Customers</th></tr></thead><tbody>${moves.join('')}</tbody></table>` : '');
}

/** Everything about one segmentation scheme: sizes, RFM grid, personas, KPIs by segment, movement, trends, suggestions. */
export function schemeSection(data: ReportData, scheme: ReportScheme, charts: SchemeCharts, currency: string): string {
  const rows = schemeComparisonRows(data.comparison, scheme);
  const comparison = data.previous && rows.length > 0
    ? `<h3>Key KPIs by segment</h3>${underperformingSummary(data, scheme)}${segmentComparisonTable(rows, { before: data.previous.quarter, after: data.current.quarter }, currency)}`
    : '';
  return `<section id="scheme-${scheme}" data-scheme="${scheme}"><h2>${escapeHtml(schemeTitle(scheme))}</h2>`
    + figure(charts.sizes)
    + (charts.rfmGrid ? figure(charts.rfmGrid) : '')
    + `<h3>Personas</h3>${personaCards(data.personas.filter((p) => p.scheme === scheme))}`
    + comparison
    + movement(data, scheme, charts)
    + `<h3>Trends by segment</h3>${figure(charts.trends)}`
    + `<h3>Suggestions</h3>${suggestionList(data.suggestions.filter((s) => s.scheme === scheme))}`
    + '</section>';
}
