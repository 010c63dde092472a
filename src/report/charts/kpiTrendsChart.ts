import type { TopLevelSpec } from 'vega-lite';
import type { KpiUnit } from '../formatNumbers.js';

export interface TrendPoint {
  /** Quarter name, with "*" when its period stops before the quarter end. */
  quarter: string;
  series: string;
  value: number | null;
}

export interface TrendPanel {
  title: string;
  unit: KpiUnit;
  points: TrendPoint[];
}

type Panel = Extract<TopLevelSpec, { concat: unknown }>['concat'][number];

const AXIS_FORMAT: Record<KpiUnit, string> = { count: ',.0f', currency: '$,.3~s', ratio: '.0%', number: ',.2~f', score: '.1f' };
const VALUE_FORMAT: Record<KpiUnit, string> = { count: ',.0f', currency: '$,.3~s', ratio: '.1%', number: ',.2f', score: '.1f' };

/**
 * Small multiples, one per KPI, quarters along x; one line per series (segment or all customers).
 * Each panel has its own y scale and format, so they are concatenated rather than faceted.
 */
export function kpiTrendsChart(quarters: readonly string[], panels: readonly TrendPanel[], series: readonly string[]): TopLevelSpec {
  const single = series.length === 1;
  const charts = panels.map((panel): Panel => ({
    title: panel.title,
    width: 250,
    height: 150,
    data: { values: panel.points.filter((p) => p.value !== null) },
    encoding: {
      x: { field: 'quarter', type: 'ordinal', sort: [...quarters], scale: { domain: [...quarters] }, title: null, axis: { labelAngle: -35 } },
      y: { field: 'value', type: 'quantitative', title: null, axis: { format: AXIS_FORMAT[panel.unit], tickCount: 4 }, scale: { zero: panel.unit !== 'ratio' } },
      color: single
        ? { value: '#3b6fd6' }
        : { field: 'series', type: 'nominal', sort: [...series], scale: { domain: [...series], scheme: series.length > 10 ? 'tableau20' : 'tableau10' }, legend: { title: null, orient: 'right' } },
    },
    layer: [
      { mark: { type: 'line', strokeWidth: 2, interpolate: 'linear' } },
      { mark: { type: 'point', filled: true, size: 36 } },
      ...(single ? [{ mark: { type: 'text' as const, dy: -9, fontSize: 10 }, encoding: { text: { field: 'value', type: 'quantitative' as const, format: VALUE_FORMAT[panel.unit] } } }] : []),
    ],
  }));
  return { concat: charts, columns: 2, spacing: 28, resolve: { scale: { color: 'shared' } } };
}
