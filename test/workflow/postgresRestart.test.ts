import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnex } from '../../src/db/createKnex.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { startEmbeddedPostgres, type PostgresEndpoint } from '../../src/infra/embeddedPostgres.js';
import { ensureDatabase, withDatabase } from '../../src/infra/ensureDatabase.js';
import { freePort } from '../../src/infra/freePort.js';
import { startSegmentationRun } from '../../src/runs/startSegmentationRun.js';
import type { SegmentationRunResult } from '../../workflows/segmentationRun.js';
import { startedAttempts } from '../support/activityAttempts.js';
import { startHoldingWorker, type HoldingWorkerProcess } from '../support/holdingWorkerProcess.js';
import { smallCsv } from '../support/paths.js';
import { runOutputs } from '../support/runOutputs.js';
import { openTestStack, type TestStack } from '../support/testStack.js';

const AS_OF = '2011-09-30';
// Set-based SQL over every order line: the stage that talks to PostgreSQL most.
const HELD_STAGE = 'cleanOrders';
const log = (line: string) => process.stderr.write(`[postgres restart] ${line}\n`);

// The suite's PostgreSQL serves every other test file at once: this file restarts a private one.
let pgDir: string;
let port: number;
let postgres: PostgresEndpoint;
let databaseUrl: string;
let db: Knex;
let stack: TestStack;
let worker: HoldingWorkerProcess | undefined;

beforeAll(async () => {
  pgDir = await mkdtemp(join(tmpdir(), 'segflow-pg-restart-'));
  await chmod(pgDir, 0o755); // as root, PostgreSQL runs as the postgres user, which must reach its data
  port = await freePort();
  postgres = await startEmbeddedPostgres(pgDir, port, log);
  databaseUrl = withDatabase(postgres.serverUrl, 'segflow_pg_restart');
  await ensureDatabase(databaseUrl);
  const migrating = createKnex(databaseUrl);
  await migrateToLatest(migrating).finally(() => migrating.destroy());
  stack = await openTestStack();
}, 120_000);

afterAll(async () => {
  await worker?.kill();
  await db?.destroy();
  await postgres?.stop();
  await stack?.close();
  if (pgDir) await rm(pgDir, { recursive: true, force: true });
});

/** Connections the worker holds open on the private server (this file keeps none while the run goes). */
async function workerConnections(): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'segflow-test' });
  await client.connect();
  try {
    const found = await client.query(`select count(*) as n from pg_stat_activity where datname = current_database() and application_name = 'segflow'`);
    return Number(found.rows[0].n);
  } finally {
    await client.end();
  }
}

/** Polls the run until the held stage's first attempt has failed and the server scheduled another; returns that failure. */
async function firstAttemptFailure(handle: Awaited<ReturnType<typeof startSegmentationRun>>['handle'], timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const pending = (await handle.describe()).raw.pendingActivities ?? [];
    const stage = pending.find((a) => a.activityType?.name === HELD_STAGE);
    if (stage && (stage.attempt ?? 0) >= 2 && stage.lastFailure) return stage.lastFailure.message ?? '';
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${HELD_STAGE} was not retried within ${timeoutMs} ms\n${worker?.output()}`);
}

describe('PostgreSQL restarted during a run', () => {
  it('fails the stage on the dead server, retries it once the server is back, and publishes correct outputs', async () => {
    const privateQueue = `${stack.config.taskQueue}-private-pg`;
    worker = startHoldingWorker({ DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: stack.config.temporalAddress, SEGFLOW_TASK_QUEUE: privateQueue });
    await worker.hold({ activity: HELD_STAGE, at: 'entry' });
    const run = await startSegmentationRun(stack.client, { ...stack.config, taskQueue: privateQueue }, { asOf: AS_OF, source: 'online-retail', sourceFile: smallCsv });
    await worker.held(120_000);

    // Fast shutdown: the worker's pooled connections are cut while it sits idle in the held stage.
    expect(await workerConnections()).toBeGreaterThanOrEqual(1);
    await postgres.stop();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(worker.child.exitCode, worker.output()).toBeNull();
    worker.release();
    const failure = await firstAttemptFailure(run.handle, 60_000);
    log(`first attempt of ${HELD_STAGE} failed: ${failure}`);
    expect(failure).toMatch(/ECONNREFUSED|terminat|Connection/i);
    postgres = await startEmbeddedPostgres(pgDir, port, log);

    const result = (await run.handle.result()) as SegmentationRunResult;
    expect(worker.child.exitCode, worker.output()).toBeNull();
    expect((await run.handle.describe()).status.name).toBe('COMPLETED');
    const attempts = await startedAttempts(run.handle);
    expect(attempts[HELD_STAGE]).toBeGreaterThanOrEqual(2);

    // The same date on the suite's PostgreSQL with no restart.
    const clean = await startSegmentationRun(stack.client, stack.config, { asOf: AS_OF, source: 'online-retail', sourceFile: smallCsv });
    const inProcess = await stack.startWorker();
    let cleanResult: SegmentationRunResult;
    try {
      cleanResult = (await inProcess.worker.runUntil(clean.handle.result())) as SegmentationRunResult;
    } finally {
      await inProcess.close();
    }
    db = createKnex(databaseUrl);
    const [restarted, uninterrupted] = await Promise.all([runOutputs(db, result.runId), runOutputs(stack.database.db, cleanResult.runId)]);
    expect(restarted.counts).toEqual({ rawLines: 551, orderLines: 534, rejects: 17 });
    expect(restarted).toEqual(uninterrupted);
    expect(await db('segflow.published_runs').pluck('run_id')).toEqual([result.runId]);
  }, 240_000);
});
