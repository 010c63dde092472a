/**
 * Identity resolution for a large synthetic population from three sources, to show it runs in bounded memory.
 *   npx tsx bench/resolveIdentities.ts [--contacts 1000000] [--seed 42] [--runs 1] [--keep]
 * --contacts people are generated inside PostgreSQL (generate_series, seeded hashes) with their companies, and
 * landed for one run as a Salesforce-like CRM, HubSpot and Marketo would land them (bench/identity/sourceRecords.ts):
 * each person in 1–3 sources, emails in case/space/gmail variants and typos, phones in mixed formats, company names
 * with legal-form variants. The real resolveIdentities activity then runs on them. Prints rows landed, seconds per
 * phase, this process's peak RSS, PostgreSQL's backend memory and temp files (separate processes), what was
 * resolved, and pairwise precision/recall against the generator's truth. --runs 2 lands and resolves the same records
 * again under a second run, the path where ids are inherited from the previous run and looked up in the registry.
 * Uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/segflow_bench_identity); --keep leaves the run's rows.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../activities/index.js';
import type { ResolveIdentitiesResult } from '../activities/resolveIdentities.js';
import { formatTable } from '../src/cli/formatTable.js';
import { createKnex } from '../src/db/createKnex.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { ensureDatabase } from '../src/infra/ensureDatabase.js';
import { generatePopulation } from './identity/generatePopulation.js';
import { watchPhases } from './identity/phaseTimer.js';
import { watchPostgresMemory } from './identity/postgresMemory.js';
import { resolutionQuality } from './identity/resolutionQuality.js';
import { BENCH_SOURCES, generateSourceRecords, landSourceRecords } from './identity/sourceRecords.js';

const { values } = parseArgs({
  options: {
    contacts: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '42' }, runs: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
});
const people = Number(values.contacts);
const seed = Number(values.seed);
const runs = Number(values.runs);
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/segflow_bench_identity';
const say = (line: string) => process.stdout.write(`${line}\n`);
const peakRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const BENCH_PII_KEY = 'segflow-bench-pii-key-not-for-production';
const WORKFLOW_ID = 'bench-resolve-identities';
// Rows of a bench run, so a rerun (or a run that died) leaves nothing behind; nothing else in the database is touched.
const RUN_TABLES = ['core.identity_links', 'core.identity_records', 'core.identity_members', 'core.customers', 'core.cleaning_counts',
  'core.identity_runs', 'raw.contacts', 'raw.leads', 'raw.accounts'];

await ensureDatabase(url);
const db = createKnex(url, 4);
const monitor = createKnex(url, 1);
const activities = createActivities({ db, dataDir: '.', kmeansSeed: 42, codeVersion: 'bench', sourceEnv: {}, piiKey: BENCH_PII_KEY });
try {
  await migrateToLatest(db);
  await removeBenchRuns();
  let started = performance.now();
  // About twelve staff per company on average, as in a mid-market B2B customer base.
  await generatePopulation(db, { people, companies: Math.max(1, Math.round((people * 0.6) / 12)), seed });
  await generateSourceRecords(db, seed);
  say(`generated ${people} people (seed ${seed}) in ${seconds(started)} s`);
  let runId = '';
  for (let run = 1; run <= runs; run++) {
    runId = randomUUID();
    await db('segflow.runs').insert({ run_id: runId, workflow_id: WORKFLOW_ID, as_of: '2026-01-01', source: 'bench', status: 'running', code_version: 'bench' });
    started = performance.now();
    // A later run lands the same records again (a full refresh): the newest version wins, the ids should all be inherited.
    const landed = await landSourceRecords(db, runId);
    say(`
run ${run} of ${runs}: landed in ${seconds(started)} s`);
    if (run === 1) say(formatTable(['source', 'object', 'landed in', 'rows'], landed.map((r) => [r.source, r.source_object, `raw.${r.entity}`, r.rows])));
    await resolveAndReport(runId, landed.filter((r) => r.entity !== 'accounts').reduce((sum, r) => sum + r.rows, 0));
  }

  started = performance.now();
  const quality = await resolutionQuality(db, runId);
  say(`
last run against the generator's truth (all members, pairwise; scored in ${seconds(started)} s):`);
  say(formatTable(['level', 'members', 'truth groups', 'resolved groups', 'precision', 'recall'],
    Object.entries(quality).map(([level, q]) => [level, q.members, q.truthGroups, q.resolvedGroups, q.precision.toFixed(4), q.recall.toFixed(4)])));
  if (!values.keep) await removeBenchRuns();
} finally {
  await monitor.destroy();
  await db.destroy();
}

async function resolveAndReport(runId: string, personRows: number): Promise<void> {
  const rssBefore = peakRssMiB();
  const postgres = await watchPostgresMemory(monitor);
  const phases = watchPhases(db);
  const started = performance.now();
  const result = (await new MockActivityEnvironment().run(activities.resolveIdentities, { runId, sources: BENCH_SOURCES })) as ResolveIdentitiesResult;
  const total = seconds(started);
  const timings = phases.stop();
  const rssAfter = peakRssMiB();
  const pg = await postgres.stop();
  say(`resolveIdentities: ${total} s for ${personRows} person records and ${result.members - personRows} account members`);
  say(formatTable(['phase', 'seconds', 'peak RSS MiB at end'], timings.map((t) => [t.phase, t.seconds.toFixed(1), t.peakRssMiB])));
  say(`node peak RSS: ${rssBefore} MiB before the activity, ${rssAfter} MiB after ` +
    `(+${rssAfter - rssBefore} MiB, ${(((rssAfter - rssBefore) * 1024 * 1024) / personRows).toFixed(0)} bytes per person record)`);
  say(`PostgreSQL (separate processes): backends' private memory peaked at ${pg.peakAnonMiB} MiB (sampled each second), ${pg.tempMiB} MiB spilled to temp files`);
  say(`resolved: ${result.members} members, ${result.records} records, ${result.people} people, ${result.accounts} accounts, ` +
    `customers ${result.customers.b2b} b2b + ${result.customers.b2c} b2c; ids ${JSON.stringify(result.ids)}`);
  say(`links: ${JSON.stringify(result.linksByRule)}`);
  say(`cleaning: ${JSON.stringify(result.cleaning)}`);
}

async function removeBenchRuns(): Promise<void> {
  const runs = db('segflow.runs').where({ workflow_id: WORKFLOW_ID }).select('run_id');
  for (const table of RUN_TABLES) await db(table).whereIn('run_id', runs).delete();
  await db('segflow.customer_ids').whereIn('first_run_id', runs).delete();
  await db('segflow.runs').where({ workflow_id: WORKFLOW_ID }).delete();
}
