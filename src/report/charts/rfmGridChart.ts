import type { TopLevelSpec } from 'vega-lite';
import type { RfmGridCell } from '../reportData.js';

const SCORES = [1, 2, 3, 4, 5];

type Panel = Extract<TopLevelSpec, { hconcat: unknown }>['hconcat'][number];

/** One heatmap panel: colour and label from `field`; labels turn white on the darker half of the scale. */
function panel(cells: readonly RfmGridCell[], field: 'customers' | 'monetary', title: string, scheme: 'blues' | 'oranges', format: string): Panel {
  const highest = Math.max(0, ...cells.map((c) => c[field]));
  return {
    title,
    width: 230,
    height: 230,
    encoding: {
      x: { field: 'recencyScore', type: 'ordinal', scale: { domain: SCORES }, title: 'Recency score', axis: { labelAngle: 0 } },
      y: { field: 'frequencyScore', type: 'ordinal', scale: { domain: [...SCORES].reverse() }, title: 'Frequency score' },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 2, cornerRadius: 2 },
        encoding: { color: { field, type: 'quantitative', scale: { scheme, ...(field === 'customers' ? { domainMin: 0 } : {}) }, legend: null } },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          text: { field, type: 'quantitative', format },
          color: { condition: { test: `datum['${field}'] > ${highest / 2}`, value: 'white' }, value: '#1f2937' },
        },
      },
    ],
  };
}

/** The RFM grid: recency × frequency score, coloured by customers and by their net revenue to date. */
export function rfmGridChart(cells: readonly RfmGridCell[]): TopLevelSpec {
  return {
    data: { values: cells.map((c) => ({ ...c })) },
    hconcat: [panel(cells, 'customers', 'Customers', 'blues', ','), panel(cells, 'monetary', 'Net revenue to date', 'oranges', '$,.3~s')],
    spacing: 36,
    resolve: { scale: { color: 'independent' } },
  };
}
