import type { Knex } from 'knex';
import { lockStage } from '../db/stageLock.js';
import { stageSql } from '../db/stageSql.js';
import { linkAccountNames } from './accountNameLinks.js';
import { CleaningCounts } from './cleaningCounts.js';
import { clusterMembers } from './clusterMembers.js';
import { loadIdentityRecords } from './loadIdentityRecords.js';
import { createPseudonymiser } from './pseudonymise.js';

export interface IdentityResolutionSummary {
  /** Person and account records (and shop customers, guest orders, company email domains). */
  members: number;
  /** Distinct cleaned observations of them. */
  records: number;
  linksByRule: Record<string, number>;
  people: number;
  accounts: number;
  customers: { b2b: number; b2c: number };
  /** Clusters that kept the id of a previous run's cluster, got a new one, and previous ids no cluster carries now. */
  ids: { inherited: number; minted: number; retired: number };
  /** rule/field → values altered or dropped by cleaning. */
  cleaning: Record<string, number>;
}

const STAGE = 'identity';

/**
 * Cleans, pseudonymises and resolves the run's people and accounts into customers, in one
 * transaction (a retry rewrites the run's rows): deterministic links and fuzzy account names →
 * connected components → stable ids → people rolled up to their accounts → core.customers.
 */
export async function resolveIdentities(db: Knex, runId: string, sources: readonly string[], piiKey: string): Promise<IdentityResolutionSummary> {
  return db.transaction(async (trx) => {
    await lockStage(trx, runId, STAGE);
    const run = { run_id: runId };
    for (const table of ['core.identity_links', 'core.identity_records', 'core.identity_members', 'core.customers']) await trx(table).where(run).delete();
    await trx('core.cleaning_counts').where({ ...run, stage: STAGE }).delete();
    await trx('segflow.customer_ids').where({ first_run_id: runId }).delete();
    await trx('segflow.customer_ids').where({ retired_in_run: runId }).update({ retired_in_run: null });
    await trx.raw('insert into core.identity_runs (run_id) values (:run_id) on conflict (run_id) do nothing', run);

    // The run's members wait here, unindexed and unlogged, until their keys are known; then they are written once.
    await trx.raw('create temporary table identity_run_members (like core.identity_members) on commit drop');
    const counts = new CleaningCounts();
    const loaded = await loadIdentityRecords(trx, runId, sources, createPseudonymiser(piiKey), counts);
    // The planner has never seen this run's rows (autovacuum cannot see uncommitted ones): without fresh statistics it
    // expects one row per run and picks nested loops, quadratic in the run's people (minutes for 10k, hours for 100k).
    // ANALYZE inside the transaction samples our own rows too.
    await trx.raw('analyze identity_run_members, core.identity_records');
    const domains = await trx.raw<{ rowCount: number }>(stageSql('identity_domain_members'), run);
    await trx.raw(stageSql('identity_domain_records'), run);
    await trx.raw(stageSql('identity_links_shared_keys'), run);
    await linkAccountNames(trx, runId);
    await clusterMembers(trx, runId, loaded.members + domains.rowCount);

    await trx.raw(stageSql('identity_cluster_keys'), run);
    await trx.raw('analyze identity_cluster_keys');
    await trx.raw(stageSql('identity_member_keys'), run);
    await trx.raw('alter table identity_member_keys add primary key (member_no)');
    await trx.raw('analyze identity_member_keys');
    await trx.raw(stageSql('identity_register_new_ids'), run);
    const retired = await trx.raw<{ rowCount: number }>(stageSql('identity_retire_ids'), run);
    await trx.raw(stageSql('identity_person_accounts'), run);
    await trx.raw('analyze identity_person_accounts');
    await trx.raw(stageSql('identity_write_members'), run);
    await trx.raw('analyze core.identity_members');
    await trx.raw(stageSql('identity_customers'), run);

    const cleaning = counts.rows();
    if (cleaning.length > 0) await trx('core.cleaning_counts').insert(cleaning.map((c) => ({ ...run, stage: STAGE, ...c })));
    return summarise(trx, runId, loaded.members + domains.rowCount, loaded.records, retired.rowCount, cleaning);
  });
}

async function summarise(
  trx: Knex.Transaction,
  runId: string,
  members: number,
  records: number,
  retired: number,
  cleaning: Array<{ rule: string; field: string; count: number }>,
): Promise<IdentityResolutionSummary> {
  const links = await trx('core.identity_links').where({ run_id: runId }).groupBy('rule').select('rule').count<Array<{ rule: string; n: number }>>('* as n');
  const clusters = await trx('identity_cluster_keys').groupBy('level').select('level')
    .count<Array<{ level: string; n: number; inherited: number }>>('* as n')
    .select(trx.raw('cast(count(*) filter (where inherited) as integer) as inherited'));
  const customers = await trx('core.customers').where({ run_id: runId }).groupBy('kind').select('kind').count<Array<{ kind: string; n: number }>>('* as n');
  const clusterCount = (level: string) => Number(clusters.find((c) => c.level === level)?.n ?? 0);
  const inherited = clusters.reduce((sum, c) => sum + Number(c.inherited), 0);
  return {
    members,
    records,
    linksByRule: Object.fromEntries(links.map((l) => [l.rule, Number(l.n)])),
    people: clusterCount('person'),
    accounts: clusterCount('account'),
    customers: { b2b: Number(customers.find((c) => c.kind === 'b2b')?.n ?? 0), b2c: Number(customers.find((c) => c.kind === 'b2c')?.n ?? 0) },
    ids: { inherited, minted: clusterCount('person') + clusterCount('account') - inherited, retired },
    cleaning: Object.fromEntries(cleaning.map((c) => [`${c.rule}/${c.field}`, c.count])),
  };
}
