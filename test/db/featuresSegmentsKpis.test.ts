import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityRunner } from '../support/runActivities.js';
import { smallCsvFeatures } from '../support/smallCsvRun.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const AS_OF = '2011-09-30';
let database: TestDatabase;
let runId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const runner = activityRunner(database.db);
  runId = await smallCsvFeatures(database.db, AS_OF);
  await runner.call('fitClv', { runId, asOf: AS_OF });
  await runner.call('scoreRfm', { runId });
  await runner.call('fitKmeans', { runId });
  await runner.call('computeKpis', { runId, asOf: AS_OF });
});
afterAll(async () => { await database.drop(); });

describe('customer features as of a date', () => {
  it('matches an independent computation for every customer', async () => {
    const rows = await database.db('segflow.customer_features')
      .where({ run_id: runId })
      .orderBy('customer_id')
      .select('customer_id', 'frequency', 'monetary', 'recency_days', 'tenure_days');
    expect(rows.map((r) => [r.customer_id, r.frequency, Number(r.monetary), r.recency_days, r.tenure_days])).toEqual([
      ['12346', 1, 0, 255, 255],
      ['12347', 5, 2790.86, 59, 297],
      ['12348', 4, 1797.24, 5, 288],
      ['12350', 1, 334.4, 240, 240],
      ['12352', 7, 1233.68, 2, 226],
      ['12353', 1, 89, 134, 134],
      ['12354', 1, 1079.4, 162, 162],
      ['12355', 1, 459.4, 144, 144],
      ['12356', 2, 2753.08, 175, 255],
    ]);
  });

  it('computes purchase rhythm, recent windows, breadth and return rate', async () => {
    const rows = await database.db('segflow.customer_features')
      .where({ run_id: runId })
      .orderBy('customer_id')
      .select('customer_id', 'inter_purchase_days', 'orders_30d', 'revenue_30d', 'orders_90d', 'revenue_90d', 'orders_365d', 'revenue_365d', 'product_breadth', 'return_rate');
    const num = (v: string | null) => (v === null ? null : Number(v));
    expect(rows.map((r) => [
      r.customer_id, num(r.inter_purchase_days), r.orders_30d, num(r.revenue_30d), r.orders_90d, num(r.revenue_90d),
      r.orders_365d, num(r.revenue_365d), r.product_breadth, num(r.return_rate),
    ])).toEqual([
      ['12346', null, 0, 0, 0, 0, 1, 0, 1, 1],
      ['12347', 59.5, 0, 0, 1, 584.91, 5, 2790.86, 82, 0],
      ['12348', 94.33, 1, 310, 1, 310, 4, 1797.24, 22, 0],
      ['12350', null, 0, 0, 0, 0, 1, 334.4, 17, 0],
      ['12352', 37.33, 2, 632.5, 2, 632.5, 7, 1233.68, 47, 0.437782],
      ['12353', null, 0, 0, 0, 0, 1, 89, 4, 0],
      ['12354', null, 0, 0, 0, 0, 1, 1079.4, 58, 0],
      ['12355', null, 0, 0, 0, 0, 1, 459.4, 13, 0],
      ['12356', 80, 0, 0, 0, 0, 2, 2753.08, 53, 0],
    ]);
  });

  it('publishes a definition for every feature column', async () => {
    const definitions = await database.db('segflow.feature_definitions').select('feature', 'definition');
    expect(definitions.length).toBeGreaterThanOrEqual(21);
    expect(definitions.filter((d) => !d.definition)).toEqual([]);
    expect(definitions.find((d) => d.feature === 'return_rate')?.definition).toMatch(/returned_revenue \/ gross_revenue/);
  });

  it('leaves out customers whose first order is after the as-of date', async () => {
    const late = await database.db('segflow.customer_features').where({ run_id: runId, customer_id: '12349' });
    expect(late).toHaveLength(0);
  });
});

describe('predictive CLV', () => {
  it('stores the fitted models, or why they could not be fitted, and values every customer', async () => {
    const { model } = await database.db('segflow.clv_models').where({ run_id: runId }).first('model');
    expect(model.horizonMonths).toBe(12);
    expect(model.annualDiscountRate).toBe(0.1);
    expect(model.holdout.calibrationEnd).toBe('2011-04-01');
    const rows = await database.db('segflow.customer_features').where({ run_id: runId }).select('p_alive', 'expected_purchases_365d', 'clv_predicted_365d');
    if (model.fitted) {
      for (const row of rows) {
        expect(Number(row.p_alive)).toBeGreaterThanOrEqual(0);
        expect(Number(row.p_alive)).toBeLessThanOrEqual(1);
        expect(Number(row.expected_purchases_365d)).toBeGreaterThanOrEqual(0);
      }
    } else {
      expect(model.reason).toMatch(/BG\/NBD|Gamma-Gamma/);
      expect(rows.every((r) => r.p_alive === null)).toBe(true);
    }
  });
});

describe('segments', () => {
  it('gives each customer exactly one segment per scheme', async () => {
    const counts = await database.db.raw<{ rows: Array<{ scheme: string; rows: number; customers: number }> }>(
      'select scheme, count(*) as rows, count(distinct customer_id) as customers from segflow.customer_segments where run_id = ? group by scheme order by scheme',
      [runId],
    );
    expect(counts.rows.map((c) => [c.scheme, c.rows, c.customers])).toEqual([
      ['kmeans', 9, 9],
      ['rfm', 9, 9],
    ]);
  });

  it('scores the most recent, most frequent customer a Champion', async () => {
    const row = await database.db('segflow.current_segments').where({ customer_id: '12352' });
    expect(row).toHaveLength(0); // not published yet
    const assigned = await database.db('segflow.customer_segments as cs')
      .join('segflow.segments as s', function () {
        this.on('s.run_id', 'cs.run_id').andOn('s.scheme', 'cs.scheme').andOn('s.segment_id', 'cs.segment_id');
      })
      .where({ 'cs.run_id': runId, 'cs.scheme': 'rfm', 'cs.customer_id': '12352' })
      .first('s.label', 'cs.score_cell');
    expect(assigned).toEqual({ label: 'Champions', score_cell: '554' });
  });

  it('stores why the chosen k won', async () => {
    const model = await database.db('segflow.segmentation_models').where({ run_id: runId, scheme: 'kmeans' }).first('model');
    expect(model.model.reason).toMatch(/highest mean silhouette/);
    expect(model.model.candidates.length).toBeGreaterThan(0);
  });
});

describe('KPI snapshot', () => {
  it('sums to the quarter revenue of the orders table, per scheme', async () => {
    const [orders] = await database.db('core.orders')
      .where({ run_id: runId })
      .whereBetween('order_date', ['2011-07-01', AS_OF])
      .sum<{ revenue: string }[]>({ revenue: 'revenue' });
    expect(Number(orders!.revenue)).toBe(1527.41);
    const kpis = await database.db('segflow.kpi_snapshots').where({ run_id: runId }).groupBy('scheme').select('scheme').sum<{ scheme: string; revenue: string }[]>({ revenue: 'revenue' });
    for (const kpi of kpis) expect(Number(kpi.revenue)).toBe(1527.41);
    const quarter = await database.db('segflow.kpi_snapshots').where({ run_id: runId }).first('quarter', 'is_partial', 'period_end');
    expect(quarter).toEqual({ quarter: '2011-Q3', is_partial: false, period_end: AS_OF });
  });
});

describe('publish', () => {
  it('makes the run visible through the views only once published', async () => {
    const runner = activityRunner(database.db);
    expect(await database.db('segflow.current_features')).toHaveLength(0);
    await runner.call('publishRun', { runId, rowCounts: { customers: 9 }, stageTimingsMs: {} });
    await runner.call('publishRun', { runId, rowCounts: { customers: 9 }, stageTimingsMs: {} });
    expect(await database.db('segflow.current_features')).toHaveLength(9);
    expect(await database.db('segflow.current_segments')).toHaveLength(18);
    const published = await database.db('segflow.published_kpi_snapshots').distinct('run_id');
    expect(published).toEqual([{ run_id: runId }]);
  });

  it('never publishes a failed run', async () => {
    const runner = activityRunner(database.db);
    const failed = randomUUID();
    await runner.call('startRun', { runId: failed, workflowId: 'test-failed', asOf: AS_OF, source: 'online-retail' });
    await runner.call('failRun', { runId: failed, failure: 'boom' });
    const error = await runner.call('publishRun', { runId: failed, rowCounts: {}, stageTimingsMs: {} }).catch((e: Error) => e);
    expect(String(error)).toMatch(/cannot be published from status failed/);
    const status = await database.db('segflow.runs').where({ run_id: failed }).first('status', 'failure');
    expect(status).toEqual({ status: 'failed', failure: 'boom' });
  });

  it('rejects an impossible as-of date when the run starts', async () => {
    const runner = activityRunner(database.db);
    const error = await runner.call('startRun', { runId: randomUUID(), workflowId: 'x', asOf: '2011-02-30', source: 'online-retail' }).catch((e: Error) => e);
    expect(String(error)).toMatch(/invalid as-of date "2011-02-30"/);
  });
});
