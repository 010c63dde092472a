import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../support/cliProcess.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

let database: TestDatabase;
let env: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  env = {
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    SEGFLOW_TASK_QUEUE: `segflow-cli-${randomBytes(4).toString('hex')}`,
  };
});
afterAll(async () => { await database.drop(); });

async function assignments(runId: string) {
  return database.db('segflow.customer_segments').where({ run_id: runId }).orderBy(['scheme', 'customer_id']).select('scheme', 'customer_id', 'segment_id');
}

async function kpis(runId: string) {
  return database.db('segflow.kpi_snapshots')
    .where({ run_id: runId })
    .orderBy(['scheme', 'segment_id'])
    .select('quarter', 'scheme', 'segment_id', 'segment_label', 'customers', 'active_customers', 'orders', 'revenue', 'aov', 'revenue_share');
}

describe('segflow run', () => {
  it('twice for 2011-09-30 gives identical segment assignments and KPI rows', async () => {
    const first = await runCli(['run', '--as-of', '2011-09-30', '--wait'], env);
    expect(first.code).toBe(0);
    // Publishing the second run of the quarter replaces the first run's KPI rows: read them before.
    const firstKpis = await kpis(/^run (\S+) as of 2011-09-30: published$/m.exec(first.stdout)?.[1] ?? '');
    const second = await runCli(['run', '--as-of', '2011-09-30', '--wait'], env);
    expect(second.code).toBe(0);
    const runIds = [first, second].map((r) => /^run (\S+) as of 2011-09-30: published$/m.exec(r.stdout)?.[1]);
    expect(runIds[0]).toBeDefined();
    expect(runIds[1]).toBeDefined();
    expect(runIds[0]).not.toBe(runIds[1]);
    expect(await assignments(runIds[1]!)).toEqual(await assignments(runIds[0]!));
    expect(await kpis(runIds[1]!)).toEqual(firstKpis);
    expect(await kpis(runIds[0]!)).toEqual([]);
    expect((await assignments(runIds[0]!)).length).toBeGreaterThan(6_000);
  }, 300_000);

  it('without --wait queues the run and prints its workflow id', async () => {
    const result = await runCli(['run', '--as-of', '2011-06-30'], { ...env, SEGFLOW_TASK_QUEUE: 'segflow-nobody-polls' });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^segflow-run-2011-06-30-[0-9a-f]{8}$/);
    expect(result.stderr).toMatch(/the run is queued/);
  });
});

describe('segflow demo', () => {
  it('prints the segment table for Online Retail as of 2011-12-09', async () => {
    const result = await runCli(['demo'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^run \S+ as of 2011-12-09: published$/m);
    expect(result.stdout).toMatch(/records read 541909, accepted 406789, rejected 135120; 22186 orders, 4371 customers/);
    expect(result.stdout).toMatch(/^segment +customers +share of customers +share of revenue$/m);
    expect(result.stdout).toMatch(/^Champions +\d+ +\d+\.\d% +\d+\.\d%$/m);
    expect(result.stdout).toMatch(/segflow\.current_segments/);
    const runs = await database.db('segflow.published_runs').where({ as_of: '2011-12-09' });
    expect(runs).toHaveLength(1);
  }, 300_000);
});
