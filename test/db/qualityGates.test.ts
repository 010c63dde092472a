import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallCsv } from '../support/paths.js';
import { activityRunner } from '../support/runActivities.js';
import { computeSmallCsvRun, publishSmallCsvRun } from '../support/smallCsvRun.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const AS_OF = '2011-12-09';
let database: TestDatabase;
let folder: string;
let published: string;

/** A run of the first lines of the small file only: the same source, far fewer customers. */
async function computeTruncatedRun(lines: number): Promise<{ runId: string; linesRead: number; rejectedByReason: Record<string, number> }> {
  const runner = activityRunner(database.db);
  const file = join(folder, `first_${lines}.csv`);
  await writeFile(file, (await readFile(smallCsv, 'utf8')).split('\n').slice(0, lines + 1).join('\n') + '\n');
  const runId = randomUUID();
  const source = 'online-retail';
  await runner.call('startRun', { runId, workflowId: `truncated-${lines}`, asOf: AS_OF, source, sourceFile: file });
  const extracted = await runner.call('extractSource', { runId, source, sourceFile: file });
  const cleaned = await runner.call('cleanOrders', { runId });
  for (const step of ['computeFeatures', 'fitClv'] as const) await runner.call(step, { runId, asOf: AS_OF });
  await runner.call('scoreRfm', { runId });
  await runner.call('scoreFirmographicTiers', { runId });
  await runner.call('fitKmeans', { runId });
  await runner.call('computeKpis', { runId, asOf: AS_OF });
  return { runId, linesRead: extracted.linesRead, rejectedByReason: cleaned.rejectedByReason };
}

/** What readers see: the current run and its rows. */
async function readerView() {
  const db = database.db;
  return {
    current: await db('segflow.current_run').pluck('run_id'),
    features: await db('segflow.current_features').orderBy('customer_id').select('customer_id', 'frequency', 'monetary'),
    segments: await db('segflow.current_segments').orderBy(['scheme', 'customer_id']).select('scheme', 'customer_id', 'segment_id'),
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  folder = await mkdtemp(join(tmpdir(), 'segflow-gates-'));
  published = await computeSmallCsvRun(database.db, AS_OF);
  await activityRunner(database.db).call('checkQuality', { runId: published, asOf: AS_OF, linesRead: 551, rejectedByReason: { missing_customer: 17 } });
  await publishSmallCsvRun(database.db, published);
});
afterAll(async () => {
  await database.drop();
  await rm(folder, { recursive: true, force: true });
});

describe('quality gates before publishing', () => {
  it('records a passing verdict with every gate it could judge', async () => {
    const { quality } = await database.db('segflow.runs').where({ run_id: published }).first('quality');
    expect(quality.passed).toBe(true);
    expect(quality.gates.map((g: { gate: string }) => g.gate)).toEqual(['key_feature_nulls', 'reject_rate']);
    expect(quality.measures).toMatchObject({ customers: 10, previousRunId: null, linesRead: 551, rejectedExceptMissingCustomer: 0, latestOrderDate: '2011-12-07', dataAgeDays: 2 });
  });

  it('fails a run whose customer count collapsed, naming the gate, the measured drop and the threshold', async () => {
    const truncated = await computeTruncatedRun(60);
    const runner = activityRunner(database.db);
    const error = await runner.call('checkQuality', { ...truncated, asOf: AS_OF }).catch((e: Error) => e);
    await runner.call('failRun', { runId: truncated.runId, failure: String(error) });
    expect(String(error)).toContain(
      `run ${truncated.runId} (as of ${AS_OF}) did not pass its quality gates: gate customer_drop failed: 70% fewer customers than the previous published run exceeds the threshold 50 (SEGFLOW_GATE_MAX_CUSTOMER_DROP_PCT); the previously published run stays current`,
    );
    const { quality } = await database.db('segflow.runs').where({ run_id: truncated.runId }).first('quality');
    expect(quality.gates[0]).toEqual({ gate: 'customer_drop', measured: 70, threshold: 50, passed: false });
    expect(quality.measures).toMatchObject({ customers: 3, previousRunId: published, previousCustomers: 10 });
  });

  it('leaves the previously published run visible and unchanged when a gate fails the run', async () => {
    const before = await readerView();
    const truncated = await computeTruncatedRun(60);
    const runner = activityRunner(database.db);
    // As the workflow does: the gate's failure fails the run, publishRun is never reached.
    const failure = await runner.call('checkQuality', { ...truncated, asOf: AS_OF }).catch((e: Error) => e.message);
    await runner.call('failRun', { runId: truncated.runId, failure: String(failure) });
    expect(await readerView()).toEqual(before);
    expect(before.current).toEqual([published]);
    expect(await database.db('segflow.runs').where({ run_id: truncated.runId }).first('status')).toEqual({ status: 'failed' });
  });
});
