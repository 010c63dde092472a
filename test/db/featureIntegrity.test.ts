import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallCsv } from '../support/paths.js';
import { activityRunner } from '../support/runActivities.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const AS_OF = '2011-09-30';
let database: TestDatabase;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => { await database.drop(); });

async function featuresAsOf(sourceFile: string, asOf: string) {
  const runner = activityRunner(database.db);
  const runId = randomUUID();
  await runner.call('startRun', { runId, workflowId: 'test', asOf, source: 'online-retail', sourceFile });
  await runner.call('extractSource', { runId, source: 'online-retail', sourceFile });
  await runner.call('cleanOrders', { runId });
  await runner.call('computeFeatures', { runId, asOf });
  await runner.call('fitClv', { runId, asOf });
  await runner.call('scoreRfm', { runId });
  await runner.call('fitKmeans', { runId });
  await runner.call('computeKpis', { runId, asOf });
  // Publishing releases the run's claim on its as-of date, so the next run of the same date may start.
  await runner.call('publishRun', { runId, rowCounts: {}, stageTimingsMs: {} });
  const features = await database.db('segflow.customer_features').where({ run_id: runId }).orderBy('customer_id');
  return { runId, features: features.map(({ run_id: _, ...rest }) => rest) };
}

describe('features as of a date', () => {
  it('do not change when orders after the as-of date are added (no leakage)', async () => {
    // The fixture runs to 2011-12-09; the truncated copy stops at the as-of date.
    const [header, ...lines] = readFileSync(smallCsv, 'utf8').trimEnd().split('\n');
    const truncated = join(tmpdir(), `segflow-truncated-${randomUUID()}.csv`);
    writeFileSync(truncated, [header, ...lines.filter((line) => !/,2011-(1[0-2])-\d\d /.test(line))].join('\n') + '\n');
    const withFuture = await featuresAsOf(smallCsv, AS_OF);
    const withoutFuture = await featuresAsOf(truncated, AS_OF);
    expect(withFuture.features.length).toBe(9);
    expect(withFuture.features).toEqual(withoutFuture.features);
  });

  it('never hold NaN or Infinity in any numeric output column', async () => {
    const { runId } = await featuresAsOf(smallCsv, '2011-12-09');
    const columns = await database.db('information_schema.columns')
      .where({ table_schema: 'segflow' })
      .whereIn('data_type', ['numeric', 'double precision', 'real'])
      .whereIn('table_name', ['customer_features', 'segments', 'kpi_snapshots'])
      .select('table_name', 'column_name');
    expect(columns.length).toBeGreaterThanOrEqual(19);
    for (const { table_name: table, column_name: column } of columns) {
      const [row] = await database.db(`segflow.${table}`)
        .where({ run_id: runId })
        .whereRaw(`?? in ('NaN', 'Infinity', '-Infinity')`, [column])
        .count<{ n: number }[]>({ n: '*' });
      expect(Number(row!.n), `${table}.${column}`).toBe(0);
    }
  });
});

describe('current_features', () => {
  it('shows every column of customer_features', async () => {
    const columnsOf = async (table: string) =>
      (await database.db('information_schema.columns').where({ table_schema: 'segflow', table_name: table }).orderBy('ordinal_position').pluck('column_name')) as string[];
    expect(await columnsOf('current_features')).toEqual(await columnsOf('customer_features'));
  });
});
