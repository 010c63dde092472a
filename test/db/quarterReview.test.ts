import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarterlyReviewDatabase, type QuarterlyReviewDatabase } from '../support/quarterlyRuns.js';

// The quarterly review on Online Retail: one published run per quarter end, 2010-12-31 .. 2011-12-09.
let database: QuarterlyReviewDatabase;

beforeAll(async () => {
  database = await quarterlyReviewDatabase();
}, 1_800_000);

afterAll(async () => database?.drop());

const runOf = (asOf: string) => database.runs.find((run) => run.asOf === asOf)!.runId;

describe('kpi_quarter_comparison', () => {
  it('compares each quarter of 2011 with the calendar quarter before it', async () => {
    const pairs = await database.db('segflow.kpi_quarter_comparison').distinct('quarter', 'previous_quarter').orderBy('quarter');
    expect(pairs).toEqual([
      { quarter: '2011-Q1', previous_quarter: '2010-Q4' },
      { quarter: '2011-Q2', previous_quarter: '2011-Q1' },
      { quarter: '2011-Q3', previous_quarter: '2011-Q2' },
      { quarter: '2011-Q4', previous_quarter: '2011-Q3' },
    ]);
  });

  it('unpivots every KPI of the catalogue, once per segment and quarter', async () => {
    const { db } = database;
    const definitions = (await db('segflow.kpi_definitions').orderBy('kpi').pluck('kpi')) as string[];
    expect(definitions).toContain('revenue');
    const compared = (await db('segflow.kpi_quarter_comparison').distinct('kpi').orderBy('kpi').pluck('kpi')) as string[];
    expect(compared).toEqual(definitions);
    const perSegment: Array<{ kpis: number; rows: number }> = await db('segflow.kpi_quarter_comparison')
      .select(db.raw('count(distinct kpi) as kpis'), db.raw('count(*) as rows'))
      .groupBy('quarter', 'scheme', 'segment_id');
    expect(new Set(perSegment.map((group) => `${group.kpis}/${group.rows}`))).toEqual(new Set([`${definitions.length}/${definitions.length}`]));
  });

  it('gives the change and the relative change of Champions revenue in 2011-Q2', async () => {
    const row = await database.db('segflow.kpi_quarter_comparison')
      .where({ scheme: 'rfm', segment_id: 1, kpi: 'revenue', quarter: '2011-Q2' })
      .first('segment_label', 'previous_value', 'current_value', 'change', 'pct_change', 'current_is_partial');
    expect(row).toEqual({
      segment_label: 'Champions',
      previous_value: '936433.97',
      current_value: '1231412.34',
      change: '294978.37',
      pct_change: '0.315002',
      current_is_partial: false,
    });
  });

  it('compares all customers too: revenue up 15.4 % in the partial 2011-Q4', async () => {
    const row = await database.db('segflow.kpi_quarter_comparison')
      .where({ scheme: 'all', segment_id: 0, kpi: 'revenue', quarter: '2011-Q4' })
      .first('previous_value', 'current_value', 'change', 'pct_change', 'current_is_partial', 'is_underperforming');
    expect(row).toEqual({
      previous_value: '2122046.85',
      current_value: '2449517.71',
      change: '327470.86',
      pct_change: '0.154318',
      current_is_partial: true,
      is_underperforming: false,
    });
  });

  it('takes each value from the quarter\'s published snapshot', async () => {
    const { db } = database;
    const mismatches = await db('segflow.kpi_quarter_comparison as c')
      .join('segflow.published_kpi_snapshots as k', function () {
        this.on('k.quarter', 'c.quarter').andOn('k.scheme', 'c.scheme').andOn('k.segment_id', 'c.segment_id');
      })
      .where('c.kpi', 'revenue')
      .whereRaw('c.current_value is distinct from k.revenue')
      .count<{ count: number }[]>('* as count');
    expect(mismatches[0]!.count).toBe(0);
  });

  it('marks 2011-Q4 partial and flags none of its period totals', async () => {
    const { db } = database;
    const partial = await db('segflow.kpi_quarter_comparison').distinct('quarter', 'current_is_partial').orderBy('quarter');
    expect(partial.filter((row) => row.current_is_partial).map((row) => row.quarter)).toEqual(['2011-Q4']);
    const flaggedTotals = await db('segflow.kpi_quarter_comparison as c')
      .join('segflow.review_thresholds as t', 't.kpi', 'c.kpi')
      .where({ 'c.quarter': '2011-Q4', 'c.is_underperforming': true, 't.skip_when_partial': true })
      .count<{ count: number }[]>('* as count');
    expect(flaggedTotals[0]!.count).toBe(0);
  });
});

describe('review_thresholds', () => {
  it('seeds 10 % relative falls for totals and 5 points absolute for retention', async () => {
    const rows = await database.db('segflow.review_thresholds')
      .whereIn('kpi', ['revenue', 'active_customers', 'retention_rate'])
      .orderBy('kpi')
      .select('kpi', 'max_drop_pct', 'basis', 'skip_when_partial');
    expect(rows).toEqual([
      { kpi: 'active_customers', max_drop_pct: '0.100000', basis: 'relative', skip_when_partial: true },
      { kpi: 'retention_rate', max_drop_pct: '0.050000', basis: 'absolute', skip_when_partial: true },
      { kpi: 'revenue', max_drop_pct: '0.100000', basis: 'relative', skip_when_partial: true },
    ]);
  });

  it('has a threshold for every key KPI with a direction', async () => {
    const unthresholded = await database.db('segflow.kpi_definitions as d')
      .leftJoin('segflow.review_thresholds as t', 't.kpi', 'd.kpi')
      .where('d.is_key', true)
      .whereNotNull('d.higher_is_better')
      .whereNull('t.kpi')
      .pluck('d.kpi');
    expect(unthresholded).toEqual([]);
  });
});

describe('segment_migration', () => {
  const sizes = async (runId: string, scheme: string) =>
    Object.fromEntries(
      (await database.db('segflow.segments').where({ run_id: runId, scheme }).where('customers', '>', 0).select('segment_id', 'customers')).map(
        (s: { segment_id: number; customers: number }) => [s.segment_id, s.customers],
      ),
    );
  const sumBy = (rows: Array<{ key: number | null; customers: number }>) => {
    const sums: Record<string, number> = {};
    for (const row of rows) sums[String(row.key)] = (sums[String(row.key)] ?? 0) + row.customers;
    return sums;
  };
  const QUARTER_ENDS = [
    ['2010-12-31', '2011-03-31', '2011-Q1'],
    ['2011-03-31', '2011-06-30', '2011-Q2'],
    ['2011-06-30', '2011-09-30', '2011-Q3'],
    ['2011-09-30', '2011-12-09', '2011-Q4'],
  ] as const;

  it.each(['rfm', 'kmeans'])('%s rows sum to last quarter\'s segment sizes plus the new customers', async (scheme) => {
    for (const [fromAsOf, , toQuarter] of QUARTER_ENDS) {
      const rows = await database.db('segflow.segment_migration').where({ scheme, to_quarter: toQuarter }).select('from_segment_id as key', 'customers');
      const { null: newCustomers, ...bySegment } = sumBy(rows);
      expect(bySegment, toQuarter).toEqual(await sizes(runOf(fromAsOf), scheme));
      expect(newCustomers, toQuarter).toBe({ '2011-Q1': 1241, '2011-Q2': 813, '2011-Q3': 656, '2011-Q4': 713 }[toQuarter]);
    }
  });

  it.each(['rfm', 'kmeans'])('%s columns sum to this quarter\'s segment sizes; nobody is lost on Online Retail', async (scheme) => {
    for (const [, toAsOf, toQuarter] of QUARTER_ENDS) {
      const rows = await database.db('segflow.segment_migration').where({ scheme, to_quarter: toQuarter }).select('to_segment_id as key', 'customers');
      expect(sumBy(rows), toQuarter).toEqual(await sizes(runOf(toAsOf), scheme));
    }
  });

  it('labels customers absent last quarter "New customers", with no previous revenue', async () => {
    const rows = await database.db('segflow.segment_migration').where({ scheme: 'kmeans', to_quarter: '2011-Q4' }).whereNull('from_segment_id');
    expect(rows.map((row) => [row.from_label, row.to_segment_id, row.customers, row.previous_revenue])).toEqual(
      expect.arrayContaining([['New customers', 4, 513, '0']]),
    );
    expect(new Set(rows.map((row) => row.from_label))).toEqual(new Set(['New customers']));
  });

  it('splits each segment\'s snapshot revenue over where its customers came from', async () => {
    const { db } = database;
    const byDestination = await db('segflow.segment_migration as m')
      .join('segflow.published_kpi_snapshots as k', function () {
        this.on('k.quarter', 'm.to_quarter').andOn('k.scheme', 'm.scheme').andOn('k.segment_id', 'm.to_segment_id');
      })
      .groupBy('m.to_quarter', 'm.scheme', 'm.to_segment_id', 'k.revenue')
      .havingRaw('sum(m.revenue) <> k.revenue')
      .select('m.to_quarter');
    expect(byDestination).toEqual([]);
    const total = await db('segflow.segment_migration').where({ scheme: 'rfm', to_quarter: '2011-Q4' }).sum<{ revenue: string; previous: string }[]>({ revenue: 'revenue', previous: 'previous_revenue' });
    expect(total[0]).toEqual({ revenue: '2449517.71', previous: '2122046.85' });
  });

  it('shows a customer missing from this quarter\'s run as lost, with last quarter\'s revenue', async () => {
    const trx = await database.db.transaction();
    try {
      const customer = await trx('core.orders').where({ run_id: runOf('2011-09-30') }).whereBetween('order_date', ['2011-07-01', '2011-09-30'])
        .groupBy('customer_id').orderByRaw('sum(revenue) desc, customer_id').first('customer_id', trx.raw('sum(revenue) as revenue'));
      await trx('segflow.customer_segments').where({ run_id: runOf('2011-12-09'), customer_id: customer.customer_id }).delete();
      const lost = await trx('segflow.segment_migration').where({ to_quarter: '2011-Q4' }).whereNull('to_segment_id').orderBy('scheme')
        .select('scheme', 'to_label', 'customers', 'revenue', 'previous_revenue');
      expect(lost).toEqual(['kmeans', 'rfm'].map((scheme) => ({ scheme, to_label: 'Lost customers', customers: 1, revenue: '0', previous_revenue: customer.revenue })));
    } finally {
      await trx.rollback();
    }
  });
});

describe('segment_suggestions on Online Retail', () => {
  it('suggests merging the 33 customers of Lost into Hibernating as of 2011-12-09, and nothing else', async () => {
    const rows = await database.db('segflow.segment_suggestions').where({ run_id: runOf('2011-12-09') })
      .select('scheme', 'segment_id', 'suggestion', 'with_segment_id', 'rule', 'reason', 'measure', 'threshold');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ scheme: 'rfm', segment_id: 11, suggestion: 'merge', with_segment_id: 10, rule: 'small_segment', threshold: '0.02' });
    expect(Number(rows[0].measure)).toBeCloseTo(33 / 4371, 12);
    expect(rows[0].reason).toBe(
      "Lost holds 0.8% of the scheme's customers (33 of 4371), under the 2.0% minimum; merge it into Hibernating, the nearest segment by mean standardised log recency, frequency and monetary value (distance 3.74).",
    );
  });
});
