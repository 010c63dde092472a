import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/badInputError.js';
import { loadReportData } from '../../src/report/loadReportData.js';
import type { ReportData } from '../../src/report/reportData.js';
import { reportRequest } from '../../src/report/reportRequest.js';
import { quarterlyReviewDatabase, type QuarterlyReviewDatabase } from '../support/quarterlyRuns.js';

// The quarterly review of Online Retail: one published run per quarter end, 2010-12-31 .. 2011-12-09.
let database: QuarterlyReviewDatabase;
let data: ReportData;

beforeAll(async () => {
  database = await quarterlyReviewDatabase();
  data = await loadReportData(database.db, reportRequest({ quarter: '2011-Q4' }));
}, 1_800_000);

afterAll(async () => database?.drop());

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const snapshotCustomers = (quarter: string, scheme: string, segmentId: number) =>
  data.history.find((s) => s.quarter === quarter && s.scheme === scheme && s.segmentId === segmentId)?.values.customers ?? 0;

describe('report data for 2011-Q4', () => {
  it('compares the partial 2011-Q4 run as of 2011-12-09 with the 2011-Q3 run as of 2011-09-30', () => {
    expect(data.current).toMatchObject({ quarter: '2011-Q4', asOf: '2011-12-09', quarterStart: '2011-10-01', periodEnd: '2011-12-09', isPartial: true });
    expect(data.previous).toMatchObject({ quarter: '2011-Q3', asOf: '2011-09-30', periodEnd: '2011-09-30', isPartial: false });
    expect(data.consecutive).toBe(true);
  });

  it('shows the schemes the Online Retail runs have: rfm and kmeans (no firmographic data)', () => {
    expect(data.schemes).toEqual(['rfm', 'kmeans']);
  });

  it('follows every published quarter up to 2011-Q4 for the trends', () => {
    expect([...new Set(data.history.map((s) => s.quarter))]).toEqual(['2010-Q4', '2011-Q1', '2011-Q2', '2011-Q3', '2011-Q4']);
  });

  it('reads all-customer revenue of both quarters, its change and % change from the comparison view', () => {
    const revenue = data.comparison.find((r) => r.scheme === 'all' && r.kpi === 'revenue');
    expect(revenue).toMatchObject({ previousValue: 2122046.85, currentValue: 2449517.71, change: 327470.86, pctChange: 0.154318, unit: 'currency', isKey: true });
  });

  it('carries the reason of every null KPI from the snapshot of its quarter', async () => {
    const nulls = data.comparison.filter((r) => r.currentValue === null && r.scheme !== 'all');
    expect(nulls.length).toBeGreaterThan(0);
    const stored: Array<{ scheme: string; segment_id: number; reasons: Record<string, string> }> = await database.db('segflow.published_kpi_snapshots')
      .where({ quarter: '2011-Q4' })
      .select('scheme', 'segment_id', 'null_reasons as reasons');
    for (const row of nulls) {
      const reason = stored.find((s) => s.scheme === row.scheme && s.segment_id === row.segmentId)?.reasons[row.kpi] ?? null;
      expect(row.currentNullReason).toBe(reason);
    }
  });

  it('puts every RFM-scored customer of the 2011-Q4 run in exactly one cell of the RFM grid', () => {
    const rfmCustomers = sum(data.history.filter((s) => s.quarter === '2011-Q4' && s.scheme === 'rfm').map((s) => s.values.customers ?? 0));
    expect(rfmCustomers).toBe(4371);
    expect(sum(data.rfmGrid.map((c) => c.customers))).toBe(rfmCustomers);
    expect(data.rfmGrid.every((c) => c.recencyScore >= 1 && c.recencyScore <= 5 && c.frequencyScore >= 1 && c.frequencyScore <= 5)).toBe(true);
  });

  it('has migration flows that add up to each segment\'s size in both quarters', () => {
    for (const scheme of data.schemes) {
      const flows = data.migration.filter((f) => f.scheme === scheme);
      for (const id of new Set(flows.map((f) => f.toSegmentId).filter((id): id is number => id !== null))) {
        expect(sum(flows.filter((f) => f.toSegmentId === id).map((f) => f.customers))).toBe(snapshotCustomers('2011-Q4', scheme, id));
      }
      for (const id of new Set(flows.map((f) => f.fromSegmentId).filter((id): id is number => id !== null))) {
        expect(sum(flows.filter((f) => f.fromSegmentId === id).map((f) => f.customers))).toBe(snapshotCustomers('2011-Q3', scheme, id));
      }
    }
  });

  it('has a persona card for every segment of the 2011-Q4 run', () => {
    const segments = data.history.filter((s) => s.quarter === '2011-Q4' && s.scheme !== 'all').map((s) => `${s.scheme}/${s.segmentId}`);
    expect(data.personas.map((p) => `${p.scheme}/${p.segmentId}`).sort()).toEqual(segments.sort());
    expect(data.personas.find((p) => p.scheme === 'rfm' && p.label === 'Champions')?.action).toMatch(/^reward them/);
  });
});

describe('report data for other requests', () => {
  it('compares with a quarter a year earlier from the two snapshots, without flags or migration', async () => {
    const yearOnYear = await loadReportData(database.db, reportRequest({ quarter: '2011-Q4', compare: '2010-Q4' }));
    expect(yearOnYear.consecutive).toBe(false);
    expect(yearOnYear.migration).toEqual([]);
    expect(yearOnYear.comparison.some((r) => r.isUnderperforming)).toBe(false);
    expect(yearOnYear.comparison.find((r) => r.scheme === 'all' && r.kpi === 'revenue')).toMatchObject({
      previousValue: 554604.02, currentValue: 2449517.71, change: 1894913.69, pctChange: 3.416697,
    });
  });

  it('shows the first published quarter on its own', async () => {
    const first = await loadReportData(database.db, reportRequest({ quarter: '2010-Q4' }));
    expect(first.previous).toBeNull();
    expect(first.comparison).toEqual([]);
    expect(first.compareQuarter).toBe('2010-Q3');
  });

  it('refuses a quarter without a published snapshot, naming those that have one', async () => {
    const attempt = loadReportData(database.db, reportRequest({ quarter: '2012-Q1' }));
    await expect(attempt).rejects.toBeInstanceOf(BadInputError);
    await expect(attempt).rejects.toThrow('--quarter 2012-Q1 has no published KPI snapshot');
    await expect(attempt).rejects.toMatchObject({ fix: expect.stringContaining('choose one of 2010-Q4, 2011-Q1, 2011-Q2, 2011-Q3, 2011-Q4') });
  });

  it('refuses a scheme the quarter\'s run does not have, naming the ones it has', async () => {
    const attempt = loadReportData(database.db, reportRequest({ quarter: '2011-Q4', scheme: 'firmographic' }));
    await expect(attempt).rejects.toThrow('the published run of 2011-Q4 has no firmographic segments');
    await expect(attempt).rejects.toMatchObject({ fix: 'choose --scheme rfm or kmeans, or leave --scheme out' });
  });
});
