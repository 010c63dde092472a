import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

// Constructed snapshots of two rfm segments over three quarters, the last one partial, so each
// flag is decided by a known move against a known threshold.
interface SegmentKpis {
  segment_id: number;
  orders: number;
  revenue: number;
  aov: number;
  retention_rate: number;
  churn_rate: number;
}

let database: TestDatabase;

async function snapshot(db: Knex, asOf: string, window: { quarter: string; start: string; end: string }, segments: SegmentKpis[], status = 'published') {
  const runId = randomUUID();
  await db('segflow.runs').insert({ run_id: runId, workflow_id: `flags-${asOf}`, as_of: asOf, source: 'test', status, code_version: 'test', published_at: status === 'published' ? db.fn.now() : null });
  await db('segflow.kpi_snapshots').insert(
    segments.map((segment) => ({
      run_id: runId,
      as_of: asOf,
      quarter: window.quarter,
      quarter_start: window.start,
      period_end: asOf,
      is_partial: asOf < window.end,
      scheme: 'rfm',
      segment_label: `Segment ${segment.segment_id}`,
      customers: 100,
      active_customers: 50,
      ...segment,
    })),
  );
}

const Q1 = { quarter: '2011-Q1', start: '2011-01-01', end: '2011-03-31' };
const Q2 = { quarter: '2011-Q2', start: '2011-04-01', end: '2011-06-30' };
const Q3 = { quarter: '2011-Q3', start: '2011-07-01', end: '2011-09-30' };
const Q1_2012 = { quarter: '2012-Q1', start: '2012-01-01', end: '2012-03-31' };
const steady = { orders: 10, revenue: 1000, aov: 100, retention_rate: 0.5, churn_rate: 0.5 };

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  // Pin the catalogue rows the cases rely on, whatever the seeded catalogue says.
  const pinned = [
    { kpi: 'orders', unit: 'count', higher_is_better: true, is_key: false },
    { kpi: 'revenue', unit: 'currency', higher_is_better: true, is_key: true },
    { kpi: 'aov', unit: 'currency', higher_is_better: true, is_key: true },
    { kpi: 'retention_rate', unit: 'ratio', higher_is_better: true, is_key: true },
    { kpi: 'churn_rate', unit: 'ratio', higher_is_better: false, is_key: true },
  ];
  await db('segflow.kpi_definitions')
    .insert(pinned.map((p, i) => ({ ...p, label: p.kpi, formula: p.kpi, needs: [], display_order: 100 + i })))
    .onConflict('kpi')
    .merge(['unit', 'higher_is_better', 'is_key']);
  await db('segflow.review_thresholds')
    .insert([
      { kpi: 'orders', max_drop_pct: 0.1, basis: 'relative', skip_when_partial: true },
      { kpi: 'revenue', max_drop_pct: 0.1, basis: 'relative', skip_when_partial: true },
      { kpi: 'aov', max_drop_pct: 0.1, basis: 'relative', skip_when_partial: false },
      { kpi: 'retention_rate', max_drop_pct: 0.05, basis: 'absolute', skip_when_partial: true },
      { kpi: 'churn_rate', max_drop_pct: 0.05, basis: 'absolute', skip_when_partial: true },
    ])
    .onConflict('kpi')
    .merge();

  await snapshot(db, '2011-03-31', Q1, [{ segment_id: 1, ...steady }, { segment_id: 2, ...steady }]);
  await snapshot(db, '2011-06-30', Q2, [
    // Segment 1 falls just past every threshold; segment 2 falls exactly by each threshold.
    { segment_id: 1, orders: 5, revenue: 889.99, aov: 100, retention_rate: 0.44, churn_rate: 0.56 },
    { segment_id: 2, orders: 9, revenue: 900, aov: 91, retention_rate: 0.45, churn_rate: 0.55 },
  ]);
  // A failed run of the same quarter never counts.
  await snapshot(db, '2011-06-30', Q2, [{ segment_id: 1, ...steady, revenue: 1 }], 'failed');
  // Two months into Q3: revenue halves, as it would in any unfinished quarter; AOV falls 15 %.
  await snapshot(db, '2011-08-31', Q3, [
    { segment_id: 1, orders: 2, revenue: 400, aov: 85, retention_rate: 0.2, churn_rate: 0.8 },
    { segment_id: 2, orders: 9, revenue: 900, aov: 91, retention_rate: 0.45, churn_rate: 0.55 },
  ]);
  // 2011-Q4 has no run, so 2012-Q1 has nothing to compare with.
  await snapshot(db, '2012-03-31', Q1_2012, [{ segment_id: 1, ...steady }]);
}, 180_000);

afterAll(async () => database?.drop());

const flagged = async (quarter: string) =>
  (await database.db('segflow.kpi_quarter_comparison').where({ quarter, is_underperforming: true }).orderBy(['segment_id', 'kpi']).select('segment_id', 'kpi'))
    .map((row: { segment_id: number; kpi: string }) => `${row.segment_id}:${row.kpi}`);

describe('underperforming flags', () => {
  it('flags key KPIs that moved the bad way by more than the threshold, in either direction of improvement', async () => {
    expect(await flagged('2011-Q2')).toEqual(['1:churn_rate', '1:retention_rate', '1:revenue']);
  });

  it('does not flag a fall exactly equal to the threshold', async () => {
    const rows = await database.db('segflow.kpi_quarter_comparison')
      .where({ quarter: '2011-Q2', segment_id: 2 })
      .whereIn('kpi', ['revenue', 'retention_rate', 'churn_rate', 'aov'])
      .orderBy('kpi')
      .select('kpi', 'change', 'pct_change', 'is_underperforming');
    expect(rows).toEqual([
      { kpi: 'aov', change: '-9.00', pct_change: '-0.090000', is_underperforming: false },
      { kpi: 'churn_rate', change: '0.050000', pct_change: '0.100000', is_underperforming: false },
      { kpi: 'retention_rate', change: '-0.050000', pct_change: '-0.100000', is_underperforming: false },
      { kpi: 'revenue', change: '-100.00', pct_change: '-0.100000', is_underperforming: false },
    ]);
  });

  it('never flags a KPI that is not key (orders halved)', async () => {
    const row = await database.db('segflow.kpi_quarter_comparison').where({ quarter: '2011-Q2', segment_id: 1, kpi: 'orders' }).first('pct_change', 'is_key', 'is_underperforming');
    expect(row).toEqual({ pct_change: '-0.500000', is_key: false, is_underperforming: false });
  });

  it('in a partial quarter flags only KPIs independent of the period length', async () => {
    expect(await flagged('2011-Q3')).toEqual(['1:aov']);
    const revenue = await database.db('segflow.kpi_quarter_comparison').where({ quarter: '2011-Q3', segment_id: 1, kpi: 'revenue' }).first('pct_change', 'current_is_partial');
    expect(revenue).toEqual({ pct_change: '-0.550557', current_is_partial: true });
  });

  it('compares with the calendar quarter before, not the previous published one', async () => {
    const quarters = await database.db('segflow.kpi_quarter_comparison').distinct('quarter', 'previous_quarter').orderBy('quarter');
    expect(quarters).toEqual([
      { quarter: '2011-Q2', previous_quarter: '2011-Q1' },
      { quarter: '2011-Q3', previous_quarter: '2011-Q2' },
    ]);
  });

  it('follows a threshold a user edits', async () => {
    await database.db('segflow.review_thresholds').where({ kpi: 'revenue' }).update({ max_drop_pct: 0.2 });
    try {
      expect(await flagged('2011-Q2')).toEqual(['1:churn_rate', '1:retention_rate']);
    } finally {
      await database.db('segflow.review_thresholds').where({ kpi: 'revenue' }).update({ max_drop_pct: 0.1 });
    }
  });
});
