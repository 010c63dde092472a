import type { TopLevelSpec } from 'vega-lite';
import { SERIES_COLOURS } from './chartTheme.js';

export interface SegmentSize {
  label: string;
  customers: number;
  customerShare: number;
  /** Share of the scheme's revenue in the quarter; null when the quarter had no revenue. */
  revenueShare: number | null;
}

const CUSTOMERS = 'Share of customers';
const REVENUE = 'Share of quarter revenue';

/** Per segment, largest first: its share of customers beside its share of the quarter's revenue. */
export function segmentSizesChart(segments: readonly SegmentSize[]): TopLevelSpec {
  const order = [...segments].sort((a, b) => b.customers - a.customers || a.label.localeCompare(b.label)).map((s) => s.label);
  const values = segments.flatMap((s) => [
    { segment: s.label, measure: CUSTOMERS, share: s.customerShare, customers: s.customers },
    ...(s.revenueShare === null ? [] : [{ segment: s.label, measure: REVENUE, share: s.revenueShare, customers: s.customers }]),
  ]);
  return {
    width: 420,
    height: { step: 16 },
    data: { values },
    encoding: {
      y: { field: 'segment', type: 'nominal', sort: order, title: null, axis: { labelLimit: 220 } },
      yOffset: { field: 'measure', sort: [CUSTOMERS, REVENUE] },
      x: { field: 'share', type: 'quantitative', title: null, axis: { format: '.0%', tickCount: 5 }, scale: { domainMin: 0 } },
    },
    layer: [
      {
        mark: { type: 'bar', cornerRadiusEnd: 2, height: { band: 0.9 } },
        encoding: {
          color: {
            field: 'measure',
            type: 'nominal',
            scale: { domain: [CUSTOMERS, REVENUE], range: [SERIES_COLOURS.customers, SERIES_COLOURS.revenue] },
            legend: { orient: 'top', title: null, direction: 'horizontal', labelLimit: 260 },
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 3, fontSize: 10 },
        encoding: { text: { field: 'share', type: 'quantitative', format: '.1%' } },
      },
    ],
  };
}
