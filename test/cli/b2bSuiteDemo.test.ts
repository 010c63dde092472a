import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CompanyManifest } from '../../src/demo/companyInABox/companyManifest.js';
import { runCli } from '../support/cliProcess.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const CUSTOMERS = 300;
let database: TestDatabase;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  home = await mkdtemp(join(tmpdir(), 'segflow-b2b-demo-'));
  env = {
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    SEGFLOW_TASK_QUEUE: `segflow-b2b-${randomBytes(4).toString('hex')}`,
    SEGFLOW_HOME: home,
  };
});
afterAll(async () => {
  await database.drop();
  await rm(home, { recursive: true, force: true });
});

describe('segflow demo --dataset b2b-suite', () => {
  it('generates the company, extracts all seventeen source objects through the real connectors and publishes segments', async () => {
    const result = await runCli(['demo', '--dataset', 'b2b-suite', '--customers', String(CUSTOMERS)], env);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(result.code).toBe(0);
    const runId = /^run (\S+) as of 2026-09-30: published$/m.exec(result.stdout)?.[1];
    expect(runId).toBeDefined();
    const { db } = database;

    // Every object reconciles: records read = rows landed + rows rejected.
    const checkpoints = await db('raw.extract_checkpoints').where({ run_id: runId }).orderBy(['source', 'source_object']);
    expect(checkpoints).toHaveLength(17);
    for (const c of checkpoints) {
      expect({ object: `${c.source}/${c.source_object}`, read: Number(c.records_read) })
        .toEqual({ object: `${c.source}/${c.source_object}`, read: Number(c.rows_landed) + Number(c.rows_rejected) });
      expect(c.done).toBe(true);
    }

    // The file exports read every record the generator wrote, and the planted bad rows are the rejects.
    const manifest = JSON.parse(await readFile(join(home, 'demo', `b2b-suite-${CUSTOMERS}-seed7`, 'manifest.json'), 'utf8')) as CompanyManifest;
    const written = (path: string) => manifest.files.find((f) => f.path === path)!;
    const read = (source: string) => Number(checkpoints.find((c) => c.source === source)!.records_read);
    expect(read('billing-orders')).toBe(written('exports/orders.csv.gz').records);
    expect(read('billing-order-lines')).toBe(written('exports/order_lines.csv.gz').records);
    expect(read('marketing-spend')).toBe(written('exports/marketing_spend.csv').records);
    const adobeRejects = await db('raw.rejects').where({ run_id: runId, source: 'web-adobe', reason_code: 'excluded_hit' }).count({ n: '*' });
    expect(Number(adobeRejects[0]!.n)).toBe(manifest.adobe.excludedHits + manifest.adobe.dataSourceHits);

    const run = await db('segflow.runs').where({ run_id: runId }).first('status', 'row_counts');
    expect(run.status).toBe('published');
    expect(run.row_counts.customers).toBeGreaterThan(CUSTOMERS / 2);
    const segments = await db('segflow.customer_segments').where({ run_id: runId, scheme: 'rfm' }).count({ n: '*' });
    expect(Number(segments[0]!.n)).toBe(run.row_counts.customers);
  }, 600_000);
});
