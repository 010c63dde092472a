/**
 * Runs the activities of one segmentation run directly (no Temporal) on a copy of a landed
 * population kept by `npm run bench -- --customers N --keep-landed`, and prints every activity's
 * time and every SQL statement that took longer than --slow-ms, labelled by its first line.
 *   npx tsx bench/scale/profileStages.ts --customers 100000 [--from computeFeatures] [--to fitKmeans] [--snapshot-after cleanOrders,computeFeatures] [--slow-ms 200]
 * --snapshot-after keeps a copy of the database after the activities named; --from starts from such a copy, so a
 * later stage can be profiled again and again without rerunning the ones before it.
 * Run under `node --cpu-prof --import tsx` to profile the JavaScript side as well.
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Knex } from 'knex';
import pg from 'pg';
import { createActivities } from '../../activities/index.js';
import { createKnex } from '../../src/db/createKnex.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { withDatabase } from '../../src/infra/ensureDatabase.js';
import { projectRoot } from '../../src/paths.js';
import { disposableDatabaseName } from './disposableDatabase.js';
import { landedDatabase, templateName } from './landedDatabase.js';
import { DEFAULT_SHAPE } from './scaleCustomer.js';
import { scaleSpec } from './scaleRecords.js';
import { SCALE_SOURCES, writeScaleSources } from './scaleSources.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    from: { type: 'string' },
    to: { type: 'string' },
    'snapshot-after': { type: 'string', default: '' },
    'slow-ms': { type: 'string', default: '200' },
    'as-of': { type: 'string', default: '2024-12-31' },
    database: { type: 'string', default: 'segflow_bench_profile' },
  },
});
const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = values.database!;
const url = withDatabase(server, database);
disposableDatabaseName(url);
const asOf = values['as-of']!;
const runId = '0000fffe-0000-4000-8000-000000000001';
const slowMs = Number(values['slow-ms']);
const say = (line: string) => process.stdout.write(`${line}\n`);

const STAGES = [
  'startRun', 'planExtract', 'extractSourceObject', 'resolveIdentities', 'cleanOrders', 'computeFeatures', 'clv',
  'scoreRfm', 'scoreFirmographicTiers', 'fitKmeans', 'computeKpis', 'publishRun',
] as const;
type Stage = (typeof STAGES)[number];
const snapshotAfter = values['snapshot-after']!.split(',').filter(Boolean);
const fromIndex = values.from ? STAGES.indexOf(values.from as Stage) : 0;
const toIndex = values.to ? STAGES.indexOf(values.to as Stage) : STAGES.length - 1;
if (fromIndex < 0 || toIndex < 0) throw new Error(`--from and --to name one of: ${STAGES.join(', ')}`);

/** PostgreSQL folds unquoted names to lower case. */
const snapshotName = (stage: Stage) => `${database}_after_${stage.toLowerCase()}`;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(server, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function templateOf(prefix: string): Promise<string> {
  const client = new pg.Client({ connectionString: withDatabase(server, 'postgres') });
  await client.connect();
  try {
    const found = await client.query<{ datname: string }>('select datname from pg_database where datname like $1 order by datname limit 1', [`${prefix}%`]);
    if (found.rows.length === 0) throw new Error(`no database named ${prefix}…: run an earlier stage with --snapshot-after`);
    return found.rows[0]!.datname;
  } finally {
    await client.end();
  }
}

/** Times every statement; prints those slower than --slow-ms with the first line of their SQL. */
function watchQueries(db: Knex): void {
  const started = new Map<string, { at: number; sql: string }>();
  db.on('query', (q: { __knexQueryUid: string; sql: string }) => started.set(q.__knexQueryUid, { at: performance.now(), sql: q.sql }));
  db.on('query-response', (_r: unknown, q: { __knexQueryUid: string }) => {
    const s = started.get(q.__knexQueryUid);
    started.delete(q.__knexQueryUid);
    const ms = s ? performance.now() - s.at : 0;
    if (s && ms >= slowMs) say(`    ${(ms / 1000).toFixed(2).padStart(7)} s  ${s.sql.trim().split('\n')[0]!.slice(0, 140)}`);
  });
}

const spec = scaleSpec(Number(values.customers), 20241231, asOf, DEFAULT_SHAPE);
if (fromIndex === 0 && !(await templateOf(templateName('segflow_bench_scale', spec)).catch(() => undefined))) {
  // No kept copy of this population yet: land it (default seed and shape, as `npm run bench` does) and keep it.
  const landed = await landedDatabase(withDatabase(server, 'segflow_bench_scale'), spec, true, say);
  await landed.db.destroy();
}
const source = fromIndex === 0 ? templateName('segflow_bench_scale', spec) : await templateOf(snapshotName(STAGES[fromIndex - 1]!));
say(`copying ${source} into ${database}`);
await admin(`drop database if exists ${database} with (force)`);
await admin(`create database ${database} template ${source}`);
const db = createKnex(url, 4);
watchQueries(db);
const workDir = join(projectRoot, '.segflow', 'bench', 'profile');
const sourcesFile = writeScaleSources(workDir);
try {
  await migrateToLatest(db);
  const activities = createActivities({ db, dataDir: '.', kmeansSeed: 42, codeVersion: 'bench', sourceEnv: {}, piiKey: 'segflow-bench-scale-pseudonymisation-key' });
  const sources = [...SCALE_SOURCES];
  const counts: Record<string, unknown> = {};
  const inputs: Record<Stage, () => unknown> = {
    startRun: () => ({ runId, workflowId: 'profile', asOf, source: 'shop', sourcesFile }),
    planExtract: () => ({ runId, sourcesFile }),
    extractSourceObject: () => undefined,
    resolveIdentities: () => ({ runId, sources }),
    cleanOrders: () => ({ runId, sources }),
    computeFeatures: () => ({ runId, asOf }),
    clv: () => ({ runId, asOf }),
    scoreRfm: () => ({ runId }),
    scoreFirmographicTiers: () => ({ runId }),
    fitKmeans: () => ({ runId }),
    computeKpis: () => ({ runId, asOf }),
    publishRun: () => ({ runId, rowCounts: counts, stageTimingsMs: {} }),
  };
  for (const stage of STAGES.slice(fromIndex, toIndex + 1)) {
    say(stage);
    const started = performance.now();
    const run = (fn: unknown, input: unknown) => new MockActivityEnvironment().run(fn as (i: unknown) => Promise<unknown>, input);
    let result: unknown;
    if (stage === 'extractSourceObject') {
      for (const [name, object] of [['shop', 'orders'], ['web', 'events'], ['marketing', 'activities']] as const) {
        result = await run(activities.extractSourceObject, { runId, sourcesFile, source: name, object, fullRefresh: false });
      }
    } else if (stage === 'clv') {
      // As the workflow does: the models, every value partition at once, then their values in one update.
      const model = await run(activities.fitClvModel, inputs.clv()) as { partitions: number };
      const parts = await Promise.all(Array.from({ length: model.partitions }, (_, partition) =>
        run(activities.valueCustomers, { runId, asOf, partition, partitions: model.partitions, staged: true })));
      say(`    partitions: ${JSON.stringify(parts).slice(0, 200)}`);
      result = await run(activities.applyCustomerValues, { runId });
    } else {
      result = await run(activities[stage], inputs[stage]());
    }
    counts[stage] = result;
    say(`  ${stage}: ${((performance.now() - started) / 1000).toFixed(2)} s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB, ${JSON.stringify(result).slice(0, 200)}`);
    if (snapshotAfter.includes(stage)) {
      await db.destroy();
      await admin(`drop database if exists ${snapshotName(stage)} with (force)`);
      await admin(`create database ${snapshotName(stage)} template ${database}`);
      db.initialize();
    }
  }
} finally {
  await db.destroy();
}
