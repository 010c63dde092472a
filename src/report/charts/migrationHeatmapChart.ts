import type { TopLevelSpec } from 'vega-lite';
import type { MigrationFlow } from '../reportData.js';

export const NEW_CUSTOMERS = 'New customers';
export const LOST_CUSTOMERS = 'Lost customers';

const fromName = (f: MigrationFlow) => (f.fromSegmentId === null ? NEW_CUSTOMERS : f.fromLabel ?? `segment ${f.fromSegmentId}`);
const toName = (f: MigrationFlow) => (f.toSegmentId === null ? LOST_CUSTOMERS : f.toLabel ?? `segment ${f.toSegmentId}`);

function inIdOrder(entries: Array<[number | null, string]>): string[] {
  const byId = new Map(entries.filter((e): e is [number, string] => e[0] !== null));
  return [...byId.entries()].sort(([a], [b]) => a - b).map(([, name]) => name);
}

/** Segments in id order, with new customers as the first row and lost customers as the last column. */
export function migrationAxes(flows: readonly MigrationFlow[]): { from: string[]; to: string[] } {
  return {
    from: [NEW_CUSTOMERS, ...inIdOrder(flows.map((f) => [f.fromSegmentId, fromName(f)]))],
    to: [...inIdOrder(flows.map((f) => [f.toSegmentId, toName(f)])), LOST_CUSTOMERS],
  };
}

/** From (previous quarter's segment) × to (this quarter's segment): customers in each cell. */
export function migrationHeatmapChart(flows: readonly MigrationFlow[], fromQuarter: string, toQuarter: string): TopLevelSpec {
  const axes = migrationAxes(flows);
  const values = flows.map((f) => ({
    from: fromName(f),
    to: toName(f),
    customers: f.customers,
    stayed: f.fromSegmentId !== null && f.fromSegmentId === f.toSegmentId,
  }));
  const highest = Math.max(0, ...values.map((v) => v.customers));
  return {
    width: { step: 44 },
    height: { step: 26 },
    data: { values },
    encoding: {
      x: { field: 'to', type: 'nominal', sort: axes.to, scale: { domain: axes.to }, title: `Segment in ${toQuarter}`, axis: { orient: 'top', labelAngle: -40, labelLimit: 140 } },
      y: { field: 'from', type: 'nominal', sort: axes.from, scale: { domain: axes.from }, title: `Segment in ${fromQuarter}`, axis: { labelLimit: 160 } },
    },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          // A square-root scale keeps the large "stayed" diagonal from washing out the moves.
          color: { field: 'customers', type: 'quantitative', scale: { type: 'sqrt', scheme: 'blues', domainMin: 0 }, legend: { title: 'Customers', orient: 'right', gradientLength: 160 } },
          stroke: { condition: { test: 'datum.stayed', value: '#1f2937' }, value: 'white' },
          strokeWidth: { condition: { test: 'datum.stayed', value: 1.5 }, value: 1 },
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          text: { field: 'customers', type: 'quantitative', format: ',' },
          color: { condition: { test: `datum.customers > ${highest / 4}`, value: 'white' }, value: '#1f2937' },
        },
      },
    ],
  };
}
