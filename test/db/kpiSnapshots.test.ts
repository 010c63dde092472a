import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarterEndingAt } from '../../src/asOfDate.js';
import { quarterlyReviewDatabase, type QuarterlyReviewDatabase } from '../support/quarterlyRuns.js';

// One published run per quarter of the full Online Retail data (test/support/quarterlyRuns.ts).
let database: QuarterlyReviewDatabase;

type Snapshot = Record<string, unknown> & { run_id: string; quarter: string; scheme: string; segment_id: number; null_reasons: Record<string, string> };
let snapshots: Snapshot[];

const allRow = (quarter: string) => snapshots.find((s) => s.quarter === quarter && s.scheme === 'all')!;
const quarters = () => [...new Set(snapshots.map((s) => s.quarter))].sort();

function previousQuarterStart(quarterStart: string): string {
  const [year, month] = quarterStart.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-10-01` : `${year}-${String(month - 3).padStart(2, '0')}-01`;
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  database = await quarterlyReviewDatabase();
  snapshots = await database.db('segflow.published_kpi_snapshots').orderBy(['quarter', 'scheme', 'segment_id']);
}, 1_800_000);
afterAll(async () => database?.drop());

describe('KPI catalogue', () => {
  it('defines every KPI column of kpi_snapshots and nothing else', async () => {
    const descriptive = ['run_id', 'as_of', 'quarter', 'quarter_start', 'period_end', 'is_partial', 'scheme', 'segment_id', 'segment_label', 'null_reasons'];
    const columns = (await database.db('information_schema.columns').where({ table_schema: 'segflow', table_name: 'kpi_snapshots' }).pluck('column_name')) as string[];
    const defined = (await database.db('segflow.kpi_definitions').pluck('kpi')) as string[];
    expect(defined.sort()).toEqual(columns.filter((c) => !descriptive.includes(c)).sort());
    expect(defined).toHaveLength(26);
  });

  it('marks revenue, active customers, retention and AOV as key KPIs', async () => {
    const key = await database.db('segflow.kpi_definitions').where({ is_key: true }).orderBy('display_order').pluck('kpi');
    expect(key).toEqual(['active_customers', 'revenue', 'aov', 'retention_rate']);
  });
});

describe('quarterly snapshots of Online Retail', () => {
  it('has every scheme and the all-customers row in every quarter', async () => {
    const perQuarter = quarters().map((quarter) => {
      const rows = snapshots.filter((s) => s.quarter === quarter);
      return { quarter, schemes: [...new Set(rows.map((r) => r.scheme))].sort(), rows: rows.length };
    });
    expect(perQuarter).toEqual([
      // 11 RFM segments, k-means with k = 3 then 4, and the all-customers row.
      { quarter: '2010-Q4', schemes: ['all', 'kmeans', 'rfm'], rows: 15 },
      { quarter: '2011-Q1', schemes: ['all', 'kmeans', 'rfm'], rows: 15 },
      { quarter: '2011-Q2', schemes: ['all', 'kmeans', 'rfm'], rows: 15 },
      { quarter: '2011-Q3', schemes: ['all', 'kmeans', 'rfm'], rows: 16 },
      { quarter: '2011-Q4', schemes: ['all', 'kmeans', 'rfm'], rows: 16 },
    ]);
    const segments = await database.db('segflow.segments').whereIn('run_id', database.runs.map((r) => r.runId)).groupBy('run_id').select('run_id').count<{ run_id: string; n: number }[]>({ n: '*' });
    for (const run of database.runs) {
      const rows = snapshots.filter((s) => s.run_id === run.runId);
      expect(rows.length, run.asOf).toBe(Number(segments.find((s) => s.run_id === run.runId)!.n) + 1);
    }
  });

  it('gives the all-customers row the revenue of the orders of the quarter window', async () => {
    const direct: Record<string, number> = {};
    for (const { asOf, runId } of database.runs) {
      const window = quarterEndingAt(asOf);
      const [row] = await database.db('core.orders').where({ run_id: runId }).whereBetween('order_date', [window.start, window.periodEnd]).sum<{ revenue: string }[]>({ revenue: 'revenue' });
      direct[window.label] = Number(row!.revenue);
    }
    expect(direct).toEqual({ '2010-Q4': 554604.02, '2011-Q1': 1491585.14, '2011-Q2': 1682312.09, '2011-Q3': 2122046.85, '2011-Q4': 2449517.71 });
    expect(Object.fromEntries(quarters().map((q) => [q, Number(allRow(q).revenue)]))).toEqual(direct);
  });

  it('sums the segments\' revenue of each scheme to the all-customers row', () => {
    for (const quarter of quarters()) {
      for (const scheme of ['rfm', 'kmeans']) {
        const cents = snapshots.filter((s) => s.quarter === quarter && s.scheme === scheme).reduce((sum, s) => sum + Math.round(Number(s.revenue) * 100), 0);
        expect(cents / 100, `${quarter} ${scheme}`).toBe(Number(allRow(quarter).revenue));
      }
    }
  });

  it('counts retention against the customers who bought in the previous quarter', async () => {
    const direct: Record<string, [number, number]> = {};
    for (const { asOf, runId } of database.runs) {
      const window = quarterEndingAt(asOf);
      const previousStart = previousQuarterStart(window.start);
      const { rows } = await database.db.raw<{ rows: Array<{ base: number; retained: number }> }>(
        `with buyers as (
           select customer_id,
             bool_or(order_date between ? and ?) as before,
             bool_or(order_date between ? and ?) as now
           from core.orders where run_id = ? and not is_return group by customer_id
         )
         select count(*) filter (where before) as base, count(*) filter (where before and now) as retained from buyers`,
        [previousStart, dayBefore(window.start), window.start, window.periodEnd, runId],
      );
      direct[window.label] = [rows[0]!.base, rows[0]!.retained];
    }
    expect(direct).toEqual({ '2010-Q4': [0, 0], '2011-Q1': [885, 527], '2011-Q2': [1776, 1043], '2011-Q3': [1991, 1211], '2011-Q4': [2161, 1355] });
    expect(Object.fromEntries(quarters().map((q) => [q, [allRow(q).retention_base, allRow(q).retained_customers]]))).toEqual(direct);
    // 527 / 885, 1043 / 1776, 1211 / 1991, 1355 / 2161
    expect(quarters().slice(1).map((q) => Number(allRow(q).retention_rate))).toEqual([0.59548, 0.587275, 0.608237, 0.627025]);
  });

  it('says why the first quarter has no retention', () => {
    expect(allRow('2010-Q4').retention_rate).toBeNull();
    expect(allRow('2010-Q4').null_reasons.retention_rate).toBe('no orders in 2010-Q3, the quarter before');
  });

  it('marks only 2011-Q4, cut at 2011-12-09, as partial', () => {
    expect(quarters().map((q) => [q, allRow(q).is_partial, allRow(q).period_end])).toEqual([
      ['2010-Q4', false, '2010-12-31'],
      ['2011-Q1', false, '2011-03-31'],
      ['2011-Q2', false, '2011-06-30'],
      ['2011-Q3', false, '2011-09-30'],
      ['2011-Q4', true, '2011-12-09'],
    ]);
  });

  it('leaves spend, lead and survey KPIs null with the reason', () => {
    const row = allRow('2011-Q3');
    const columns = ['marketing_spend', 'cac', 'roi', 'leads', 'lead_conversion_rate', 'win_rate', 'survey_responses', 'csat', 'nps'];
    expect(columns.map((c) => row[c])).toEqual(columns.map(() => null));
    expect(row.null_reasons).toMatchObject({
      cac: 'no marketing spend landed for 2011-Q3',
      roi: 'no marketing spend landed for 2011-Q3',
      lead_conversion_rate: 'no leads landed for the run\'s sources',
      win_rate: 'no opportunities landed for the run\'s sources',
      csat: 'no CSAT or NPS answers landed for the run\'s sources',
    });
  });

  it('gives every null KPI of every row a reason', async () => {
    const kpis = (await database.db('segflow.kpi_definitions').pluck('kpi')) as string[];
    for (const row of snapshots) {
      expect(Object.keys(row.null_reasons).sort(), `${row.quarter} ${row.scheme} ${row.segment_id}`).toEqual(kpis.filter((k) => row[k] === null).sort());
    }
  });
});
