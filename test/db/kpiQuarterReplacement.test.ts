import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { smallCsv } from '../support/paths.js';
import { activityRunner } from '../support/runActivities.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

let database: TestDatabase;
let runner: ReturnType<typeof activityRunner>;

/** A run of the small Online Retail file up to its KPIs, not yet published. */
async function computedRun(asOf: string): Promise<string> {
  const runId = randomUUID();
  const source = 'online-retail';
  await runner.call('startRun', { runId, workflowId: `replace-${asOf}`, asOf, source, sourceFile: smallCsv });
  await runner.call('extractSource', { runId, source, sourceFile: smallCsv });
  await runner.call('cleanOrders', { runId });
  await runner.call('computeFeatures', { runId, asOf });
  await runner.call('scoreRfm', { runId });
  await runner.call('computeKpis', { runId, asOf });
  return runId;
}

const publish = (runId: string) => runner.call('publishRun', { runId, rowCounts: {}, stageTimingsMs: {} });

async function snapshotRows(runId: string): Promise<number> {
  const [row] = await database.db('segflow.kpi_snapshots').where({ run_id: runId }).count<{ n: number }[]>({ n: '*' });
  return Number(row!.n);
}

async function shownRuns(): Promise<Array<{ quarter: string; run_id: string }>> {
  return database.db('segflow.published_kpi_snapshots').distinct('quarter', 'run_id').orderBy('quarter');
}

let first: string;
let secondQuarter: string;
let rerun: string;
let rowsPerRun: number;

beforeAll(async () => {
  database = await createTestDatabase();
  runner = activityRunner(database.db);
  first = await computedRun('2011-09-30');
  secondQuarter = await computedRun('2011-06-30');
  await publish(first);
  await publish(secondQuarter);
  rowsPerRun = await snapshotRows(first);
  // Online Retail has no campaigns: one stand-in row per run shows campaign rows follow their snapshots.
  await database.db('segflow.campaign_kpis').insert([
    { run_id: first, quarter: '2011-Q3', campaign: 'stand-in' },
    { run_id: secondQuarter, quarter: '2011-Q2', campaign: 'stand-in' },
  ]);
  rerun = await computedRun('2011-09-30');
  await publish(rerun);
}, 180_000);
afterAll(async () => database?.drop());

it('replaces the quarter\'s rows of the run a rerun supersedes', async () => {
  // The 11 named RFM segments (empty ones too) and the all-customers row.
  expect(rowsPerRun).toBe(12);
  expect(await snapshotRows(first)).toBe(0);
  expect(await snapshotRows(rerun)).toBe(rowsPerRun);
  expect(await database.db('segflow.campaign_kpis').where({ run_id: first })).toEqual([]);
});

it('leaves the other quarters untouched', async () => {
  expect(await snapshotRows(secondQuarter)).toBe(rowsPerRun);
  expect(await database.db('segflow.campaign_kpis').where({ run_id: secondQuarter }).pluck('campaign')).toEqual(['stand-in']);
  expect(await shownRuns()).toEqual([
    { quarter: '2011-Q2', run_id: secondQuarter },
    { quarter: '2011-Q3', run_id: rerun },
  ]);
});

it('keeps a later as-of of the quarter when a run with an earlier as-of is published after it', async () => {
  const earlier = await computedRun('2011-09-15');
  await publish(earlier);
  expect(await snapshotRows(rerun)).toBe(rowsPerRun);
  expect(await snapshotRows(earlier)).toBe(rowsPerRun);
  expect((await shownRuns()).find((r) => r.quarter === '2011-Q3')?.run_id).toBe(rerun);
});

it('deletes nothing when a run is published twice', async () => {
  const before = await database.db('segflow.kpi_snapshots').count<{ n: number }[]>({ n: '*' });
  await publish(rerun);
  const after = await database.db('segflow.kpi_snapshots').count<{ n: number }[]>({ n: '*' });
  expect(after).toEqual(before);
});
