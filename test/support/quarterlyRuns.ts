import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Knex } from 'knex';
import pg from 'pg';
import { inject } from 'vitest';
import { createKnex } from '../../src/db/createKnex.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ensureDatabase, withDatabase } from '../../src/infra/ensureDatabase.js';
import { projectRoot } from '../../src/paths.js';
import { onlineRetailFile } from './paths.js';
import { activityRunner } from './runActivities.js';

/** Quarter-end as-of dates covering the Online Retail data (2010-12-01 .. 2011-12-09); the last quarter is partial. */
export const QUARTERLY_AS_OF = ['2010-12-31', '2011-03-31', '2011-06-30', '2011-09-30', '2011-12-09'] as const;

export interface QuarterlyRun {
  asOf: string;
  runId: string;
}

export interface QuarterlyReviewDatabase {
  url: string;
  db: Knex;
  /** Published runs, oldest as-of first. */
  runs: QuarterlyRun[];
  drop(): Promise<void>;
}

const TEMPLATE_PREFIX = 'segflow_quarters_';
// Any advisory lock key works as long as every test process uses the same one.
const BUILD_LOCK = 74_200_111;

/**
 * A private copy of a database holding one published run per quarter of the full Online Retail data.
 * The runs are computed once per code version and kept as a template database, so several test
 * files (KPIs, comparison, migration, report) share the five pipeline runs instead of repeating them.
 */
export async function quarterlyReviewDatabase(): Promise<QuarterlyReviewDatabase> {
  const serverUrl = inject('postgresServerUrl');
  const template = `${TEMPLATE_PREFIX}${await codeFingerprint()}`;
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  const name = `segflow_test_${randomBytes(4).toString('hex')}`;
  try {
    await admin.query('select pg_advisory_lock($1)', [BUILD_LOCK]);
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
      if (exists.rowCount === 0) await buildTemplate(admin, serverUrl, template);
      await admin.query(`create database ${name} template ${template}`);
    } finally {
      await admin.query('select pg_advisory_unlock($1)', [BUILD_LOCK]);
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  const db = createKnex(url, 6);
  const runs = await db('segflow.runs').where({ status: 'published' }).orderBy('as_of').select('as_of', 'run_id');
  return {
    url,
    db,
    runs: runs.map((r: { as_of: string; run_id: string }) => ({ asOf: r.as_of, runId: r.run_id })),
    drop: async () => {
      await db.destroy();
      const dropper = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

async function buildTemplate(admin: pg.Client, serverUrl: string, template: string): Promise<void> {
  const stale = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${TEMPLATE_PREFIX}%`]);
  for (const { datname } of stale.rows) await admin.query(`drop database if exists ${datname} with (force)`);
  const building = `${template}_building`;
  const url = withDatabase(serverUrl, building);
  await ensureDatabase(url);
  const db = createKnex(url, 4);
  try {
    await migrateToLatest(db);
    for (const asOf of QUARTERLY_AS_OF) await runQuarter(db, asOf);
  } finally {
    await db.destroy();
  }
  await admin.query(`alter database ${building} rename to ${template}`);
}

async function runQuarter(db: Knex, asOf: string): Promise<void> {
  const runner = activityRunner(db);
  const runId = randomUUID();
  const source = 'online-retail';
  await runner.call('startRun', { runId, workflowId: `quarterly-${asOf}`, asOf, source, sourceFile: onlineRetailFile });
  await runner.call('extractSource', { runId, source, sourceFile: onlineRetailFile });
  await runner.call('cleanOrders', { runId });
  await runner.call('computeFeatures', { runId, asOf });
  await runner.call('fitClv', { runId, asOf });
  await runner.call('scoreRfm', { runId });
  await runner.call('scoreFirmographicTiers', { runId });
  await runner.call('fitKmeans', { runId });
  await runner.call('computeKpis', { runId, asOf });
  await runner.call('publishRun', { runId, rowCounts: {}, stageTimingsMs: {} });
}

// Code that never shapes a run's rows (the report, the CLI, demo data) does not invalidate the template.
const NOT_PIPELINE = ['src/report/', 'src/cli/', 'src/demo/'].map((dir) => join(projectRoot, dir));

/** Hash of everything that shapes the runs' outputs: a code change builds a fresh template. */
async function codeFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of ['sql', 'src', 'activities']) {
    for (const file of await listFiles(join(projectRoot, dir))) {
      if (NOT_PIPELINE.some((prefix) => file.startsWith(prefix))) continue;
      hash.update(file);
      hash.update(await readFile(file));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
