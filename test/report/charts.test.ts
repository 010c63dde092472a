import { describe, expect, it } from 'vitest';
import { migrationAxes, migrationHeatmapChart } from '../../src/report/charts/migrationHeatmapChart.js';
import { renderChartSvg } from '../../src/report/charts/renderChart.js';
import { rfmGridChart } from '../../src/report/charts/rfmGridChart.js';
import type { MigrationFlow } from '../../src/report/reportData.js';

const flow = (fromSegmentId: number | null, toSegmentId: number | null, customers: number): MigrationFlow => ({
  scheme: 'rfm',
  fromSegmentId,
  fromLabel: fromSegmentId === null ? 'New customers' : `S${fromSegmentId}`,
  toSegmentId,
  toLabel: toSegmentId === null ? 'Lost customers' : `S${toSegmentId}`,
  customers,
  revenue: 0,
  previousRevenue: 0,
});

const flows = [flow(2, 1, 5), flow(1, 1, 40), flow(null, 2, 7), flow(1, null, 3), flow(2, 2, 11)];

/** Vega draws every rect and symbol mark as a <path> inside a group of class mark-<type>. */
function markPaths(svg: string, type: string): number {
  const groups = svg.split(`class="mark-${type} role-mark`).slice(1);
  return groups.reduce((sum, group) => sum + (group.split('</g>')[0]!.match(/<path /g)?.length ?? 0), 0);
}

describe('report charts', () => {
  it('orders the migration heatmap by segment id, new customers first and lost customers last', () => {
    expect(migrationAxes(flows)).toEqual({ from: ['New customers', 'S1', 'S2'], to: ['S1', 'S2', 'Lost customers'] });
  });

  it('renders one cell per migration flow to SVG, without a browser', async () => {
    const svg = await renderChartSvg('migration-rfm', migrationHeatmapChart(flows, '2011-Q3', '2011-Q4'), 'GBP');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(markPaths(svg, 'rect')).toBe(5);
    expect(svg).toContain('Segment in 2011-Q3');
  });

  it('prefixes the ids vega gives gradients and clip paths with the chart name, so charts can share a page', async () => {
    const svg = await renderChartSvg('migration-rfm', migrationHeatmapChart(flows, '2011-Q3', '2011-Q4'), 'GBP');
    const ids = [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id.startsWith('chart-migration-rfm-'))).toBe(true);
    const references = [...svg.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(references.every((ref) => ids.includes(ref))).toBe(true);
  });

  it('writes RFM grid amounts in the report currency', async () => {
    const svg = await renderChartSvg('rfm-grid', rfmGridChart([
      { recencyScore: 5, frequencyScore: 5, customers: 486, monetary: 4_000_000 },
      { recencyScore: 1, frequencyScore: 2, customers: 625, monetary: 190_000 },
    ]), 'GBP');
    expect(markPaths(svg, 'rect')).toBe(4);
    expect(svg).toContain('>£4M<');
    expect(svg).toContain('>£190k<');
    expect(svg).toContain('>625<');
  });
});
