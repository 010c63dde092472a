import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallCsv } from '../support/paths.js';
import { activityRunner } from '../support/runActivities.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

let database: TestDatabase;

/** Every stage up to the segments, then publish, as the workflow does. */
async function publishedRun(asOf: string): Promise<string> {
  const runner = activityRunner(database.db);
  const runId = randomUUID();
  await runner.call('startRun', { runId, workflowId: `test-${runId}`, asOf, source: 'online-retail', sourceFile: smallCsv });
  await runner.call('extractSource', { runId, source: 'online-retail', sourceFile: smallCsv });
  await runner.call('cleanOrders', { runId });
  await runner.call('computeFeatures', { runId, asOf });
  await runner.call('fitClv', { runId, asOf });
  await runner.call('scoreRfm', { runId });
  await runner.call('fitKmeans', { runId });
  await runner.call('publishRun', { runId, rowCounts: {}, stageTimingsMs: {} });
  return runId;
}

const models = (runId: string) => database.db('segflow.segmentation_models').where({ run_id: runId }).orderBy('scheme').select('scheme', 'previous_run_id', 'common_customers', 'stability_ari', 'model');
const segments = (runId: string, scheme: string) => database.db('segflow.segments').where({ run_id: runId, scheme }).orderBy('segment_id').select('segment_id', 'label', 'customers', 'persona');

let first: string;
let second: string;
let later: string;

beforeAll(async () => {
  database = await createTestDatabase();
  first = await publishedRun('2011-09-30');
  second = await publishedRun('2011-09-30');
  later = await publishedRun('2011-12-09');
}, 120_000);
afterAll(async () => { await database.drop(); });

describe('RFM scores collapsed by ties', () => {
  it('stores the scores each dimension used and a note instead of silently using fewer', async () => {
    const [, rfm] = await models(first);
    // 5 of the 9 customers bought once: the tie spans the first three quintiles, so F gives only 3, 4, 5.
    expect(rfm.model.scoreUsage.F.scoresUsed).toEqual([3, 4, 5]);
    expect(rfm.model.scoreUsage.F.customersPerScore).toEqual({ 3: 5, 4: 2, 5: 2 });
    expect(rfm.model.scoreUsage.F.note).toMatch(/^F uses scores 3, 4, 5 only; never 1 or 2 \(score 3 holds 55\.6% of customers, frequency all at 1\)\. /);
    expect(rfm.model.notes).toContain(rfm.model.scoreUsage.F.note);
    expect(rfm.model.segments).toHaveLength(11);
  });
});

describe('personas', () => {
  it('gives every segment of both schemes a card with size, value, features, trend and action', async () => {
    for (const scheme of ['rfm', 'kmeans']) {
      const rows = await segments(first, scheme);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.persona.customers).toBe(row.customers);
        expect(row.persona.summary).toMatch(new RegExp(`^${row.label.replace(/[()']/g, '.')}: ${row.customers} customers{0,1} `));
        expect(row.persona.action.length).toBeGreaterThan(10);
        expect(row.persona.trend).toBeNull();
        if (row.customers > 0) expect(row.persona.distinguishing.length).toBeGreaterThan(0);
      }
    }
    const champions = (await segments(first, 'rfm')).find((s) => s.label === 'Champions')!;
    expect(champions.persona.action).toMatch(/loyalty.*referrals/);
  });

  it('reports the size change since the previous run', async () => {
    for (const row of await segments(second, 'kmeans')) {
      expect(row.persona.trend).toEqual({ previousRunId: first, previousCustomers: row.customers, change: 0, changeShare: row.customers > 0 ? 0 : null });
    }
    const grown = (await segments(later, 'rfm')).map((s) => s.persona.trend.change as number | null);
    expect(grown.reduce((sum: number, c) => sum + (c ?? 0), 0)).toBe(1); // one customer's first order falls between the two as-of dates
  });

  it('shows the current run’s cards in a view', async () => {
    const current = await database.db('segflow.current_segment_personas').distinct('run_id');
    expect(current).toEqual([{ run_id: later }]);
  });
});

describe('stability across runs', () => {
  it('records no previous run for the first run', async () => {
    for (const model of await models(first)) {
      expect([model.previous_run_id, model.stability_ari, model.model.stability]).toEqual([null, null, null]);
    }
  });

  it('keeps k-means ids and reports stability 1 on an identical rerun', async () => {
    const [kmeans, rfm] = await models(second);
    for (const model of [kmeans, rfm]) {
      expect(model.previous_run_id).toBe(first);
      expect(model.common_customers).toBe(9);
      expect(Number(model.stability_ari)).toBe(1);
    }
    expect(kmeans.model.warmStart).toEqual({ fromRunId: first, k: kmeans.model.k, used: true, won: false });
    expect(kmeans.model.idMatching.matches.every((m: { segmentId: number; previousSegmentId: number }) => m.segmentId === m.previousSegmentId)).toBe(true);
    const assignments = async (runId: string) => database.db('segflow.customer_segments').where({ run_id: runId, scheme: 'kmeans' }).orderBy('customer_id').select('customer_id', 'segment_id');
    expect(await assignments(second)).toEqual(await assignments(first));
  });

  it('measures stability over the customers both runs know when customers are added', async () => {
    const [kmeans] = await models(later);
    expect(kmeans.previous_run_id).toBe(second);
    expect(kmeans.common_customers).toBe(9);
    expect(Number(kmeans.stability_ari)).toBeGreaterThanOrEqual(-1);
    expect(Number(kmeans.stability_ari)).toBeLessThanOrEqual(1);
    expect(kmeans.model.stability.commonCustomers).toBe(9);
  });

  it('records every k candidate with silhouette, inertia, smallest share and why it was rejected', async () => {
    const [kmeans] = await models(first);
    expect(kmeans.model.guards).toEqual({ minK: 3, minSegmentShare: 0.02 });
    for (const candidate of kmeans.model.candidates) {
      expect(Object.keys(candidate).sort()).toEqual(['converged', 'inertia', 'iterations', 'k', 'rejectedBecause', 'silhouette', 'smallestShare', 'warmStartWon']);
    }
    expect(kmeans.model.candidates[0]).toMatchObject({ k: 2, rejectedBecause: 'k=2 is below the minimum of 3 segments' });
    expect(kmeans.model.k).toBeGreaterThanOrEqual(3);
  });
});
