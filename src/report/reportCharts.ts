import type { TopLevelSpec } from 'vega-lite';
import { kpiTrendsChart, type TrendPanel } from './charts/kpiTrendsChart.js';
import { migrationHeatmapChart } from './charts/migrationHeatmapChart.js';
import { renderChartSvg } from './charts/renderChart.js';
import { rfmGridChart } from './charts/rfmGridChart.js';
import { segmentSizesChart } from './charts/segmentSizesChart.js';
import { formatDate } from './formatNumbers.js';
import { ALL_CUSTOMERS, type ReportData, type ReportScheme, type SnapshotRow } from './reportData.js';
import { schemeTitle } from './schemeTitle.js';

export interface RenderedChart {
  /** data-chart attribute of its figure, e.g. segment-sizes-rfm. */
  name: string;
  caption: string;
  svg: string;
}

export interface SchemeCharts {
  sizes: RenderedChart;
  rfmGrid: RenderedChart | null;
  migration: RenderedChart | null;
  trends: RenderedChart;
}

export interface ReportCharts {
  trends: RenderedChart;
  schemes: Partial<Record<ReportScheme, SchemeCharts>>;
}

/** The KPIs followed across quarters. */
const TREND_KPIS = ['revenue', 'active_customers', 'retention_rate', 'aov'];

function quarterAxis(history: readonly SnapshotRow[]): { quarters: string[]; axisName: (row: SnapshotRow) => string } {
  const axisName = (row: SnapshotRow) => (row.isPartial ? `${row.quarter}*` : row.quarter);
  const quarters = [...new Map(history.map((row) => [row.quarter, axisName(row)])).entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, name]) => name);
  return { quarters, axisName };
}

function trendPanels(data: ReportData, rows: readonly SnapshotRow[], seriesOf: (row: SnapshotRow) => string): TrendPanel[] {
  const { axisName } = quarterAxis(data.history);
  return TREND_KPIS.flatMap((kpi) => {
    const definition = data.definitions.find((d) => d.kpi === kpi);
    if (!definition) return [];
    return [{ title: definition.label, unit: definition.unit, points: rows.map((row) => ({ quarter: axisName(row), series: seriesOf(row), value: row.values[kpi] ?? null })) }];
  });
}

async function schemeCharts(data: ReportData, scheme: ReportScheme, render: (name: string, spec: TopLevelSpec) => Promise<string>): Promise<SchemeCharts> {
  const { current, previous } = data;
  const title = schemeTitle(scheme);
  const now = data.history.filter((row) => row.scheme === scheme && row.quarter === current.quarter);
  const total = now.reduce((sum, row) => sum + (row.values.customers ?? 0), 0);
  const sizes = {
    name: `segment-sizes-${scheme}`,
    caption: `${title}: share of customers and share of ${current.quarter} revenue per segment, largest segment first.`,
    svg: await render(`segment-sizes-${scheme}`, segmentSizesChart(now.map((row) => ({
      label: row.segmentLabel,
      customers: row.values.customers ?? 0,
      customerShare: total === 0 ? 0 : (row.values.customers ?? 0) / total,
      revenueShare: row.values.revenue_share ?? null,
    })))),
  };
  const rfmGrid = scheme === 'rfm' && data.rfmGrid.length > 0
    ? {
        name: 'rfm-grid',
        caption: `RFM grid of the run as of ${formatDate(current.asOf)}: customers and their net revenue to date by recency score (5 = bought most recently) and frequency score (5 = buys most often), each in fifths of the customers.`,
        svg: await render('rfm-grid', rfmGridChart(data.rfmGrid)),
      }
    : null;
  const flows = data.migration.filter((f) => f.scheme === scheme);
  const migration = previous && flows.length > 0
    ? {
        name: `migration-${scheme}`,
        caption: `${title}: customers by segment in ${previous.quarter} (rows) and in ${current.quarter} (columns); outlined cells kept their segment, "New customers" had no segment in ${previous.quarter}, "Lost customers" have none in ${current.quarter}.`,
        svg: await render(`migration-${scheme}`, migrationHeatmapChart(flows, previous.quarter, current.quarter)),
      }
    : null;
  // Segment ids are stable across runs, so a segment's line carries today's label through every quarter.
  const labels = new Map(now.map((row) => [row.segmentId, row.segmentLabel]));
  const seriesOf = (row: SnapshotRow) => labels.get(row.segmentId) ?? row.segmentLabel;
  const rows = data.history.filter((row) => row.scheme === scheme);
  const series = [...new Set([...now].sort((a, b) => a.segmentId - b.segmentId).map(seriesOf).concat(rows.map(seriesOf)))];
  const trends = {
    name: `kpi-trends-${scheme}`,
    caption: `${title}: revenue, active customers, retention rate and average order value per segment and quarter.${data.history.some((row) => row.isPartial) ? ' * partial quarter.' : ''}`,
    svg: await render(`kpi-trends-${scheme}`, kpiTrendsChart(quarterAxis(data.history).quarters, trendPanels(data, rows, seriesOf), series)),
  };
  return { sizes, rfmGrid, migration, trends };
}

/** Every chart of the report, rendered to SVG. */
export async function reportCharts(data: ReportData, currency: string): Promise<ReportCharts> {
  const render = (name: string, spec: TopLevelSpec) => renderChartSvg(name, spec, currency);
  const all = data.history.filter((row) => row.scheme === ALL_CUSTOMERS);
  const partial = data.history.some((row) => row.isPartial) ? ' * partial quarter: its totals cover only the days counted so far.' : '';
  const trends = {
    name: 'kpi-trends',
    caption: `All customers: revenue, active customers, retention rate and average order value per published quarter.${partial}`,
    svg: await render('kpi-trends', kpiTrendsChart(quarterAxis(data.history).quarters, trendPanels(data, all, () => 'All customers'), ['All customers'])),
  };
  const schemes: ReportCharts['schemes'] = {};
  for (const scheme of data.schemes) schemes[scheme] = await schemeCharts(data, scheme, render);
  return { trends, schemes };
}
