import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallCsv } from '../support/paths.js';
import { activityRunner } from '../support/runActivities.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const runId = randomUUID();
let database: TestDatabase;
let runner: ReturnType<typeof activityRunner>;

const FREQUENCY_CUTS = [1, 2, 4, 8];
const MONETARY_CUTS = [100, 300, 1000, 3000];
const RECENCY_CUTS = [30, 90, 180, 365];

beforeAll(async () => {
  database = await createTestDatabase();
  runner = activityRunner(database.db);
  await runner.call('startRun', { runId, workflowId: 'test', asOf: '2011-09-30', source: 'online-retail', sourceFile: smallCsv });
  await runner.call('extractSource', { runId, source: 'online-retail', sourceFile: smallCsv });
  await runner.call('cleanOrders', { runId });
  await runner.call('computeFeatures', { runId, asOf: '2011-09-30' });
}, 300_000);

afterAll(async () => {
  await database.drop();
});

async function scores(): Promise<Array<{ score_cell: string; recency_days: number | null; frequency: number; monetary: string }>> {
  return database.db('segflow.customer_segments as s')
    .join('segflow.customer_features as f', function () { this.on('f.run_id', 's.run_id').andOn('f.customer_id', 's.customer_id'); })
    .where({ 's.run_id': runId, 's.scheme': 'rfm' })
    .select('s.score_cell', 'f.recency_days', 'f.frequency', 'f.monetary');
}

describe('RFM with explicit cut points', () => {
  it('scores each dimension by the thresholds, a value on a cut point taking the better score', async () => {
    const result = await runner.call('scoreRfm', { runId, rfmCutPoints: { recency: RECENCY_CUTS, frequency: FREQUENCY_CUTS, monetary: MONETARY_CUTS } });
    const rows = await scores();
    expect(rows.length).toBe(result.customers);
    const atOrBelow = (cuts: number[], value: number) => cuts.filter((c) => c <= value).length;
    const below = (cuts: number[], value: number) => cuts.filter((c) => c < value).length;
    for (const row of rows) {
      const r = row.recency_days === null ? 1 : 5 - below(RECENCY_CUTS, row.recency_days);
      const expected = `${r}${1 + atOrBelow(FREQUENCY_CUTS, row.frequency)}${1 + atOrBelow(MONETARY_CUTS, Number(row.monetary))}`;
      expect(row.score_cell, JSON.stringify(row)).toBe(expected);
    }
    // The documented example: frequency 1 → 2, 2 → 3 (a value on a cut point takes the better score).
    const fOf = (frequency: number) => rows.find((row) => row.frequency === frequency)?.score_cell[1];
    expect([fOf(1), fOf(2)]).toEqual(['2', '3']);
    console.log(JSON.stringify({ customers: rows.length, cells: new Set(rows.map((row) => row.score_cell)).size }));
    const model = await database.db('segflow.segmentation_models').where({ run_id: runId, scheme: 'rfm' }).first();
    expect(model.model.cutPoints.frequency).toMatchObject({ method: 'cut points', cutPoints: FREQUENCY_CUTS });
    expect(model.feature_preparation.monetary.cutPoints).toEqual(MONETARY_CUTS);
  });

  it('keeps quintiles for dimensions without cut points and records them as such', async () => {
    await runner.call('scoreRfm', { runId, rfmCutPoints: { frequency: FREQUENCY_CUTS } });
    const rows = await scores();
    const monetary = rows.map((row) => Number(row.monetary));
    for (const row of rows) {
      const m = Math.ceil((5 * monetary.filter((v) => v <= Number(row.monetary)).length) / monetary.length);
      expect(row.score_cell[2]).toBe(String(m));
      expect(row.score_cell[1]).toBe(String(1 + FREQUENCY_CUTS.filter((c) => c <= row.frequency).length));
    }
    const model = await database.db('segflow.segmentation_models').where({ run_id: runId, scheme: 'rfm' }).first();
    expect(model.feature_preparation.monetary).toEqual({ method: 'quintiles' });
  });

  it('refuses malformed cut points as a user error', async () => {
    await expect(runner.call('scoreRfm', { runId, rfmCutPoints: { frequency: [4, 2, 1, 8] } })).rejects.toThrow(/not four increasing numbers/);
  });
});
