import type { Knex } from 'knex';

export interface PairwiseQuality {
  /** Members scored (records with a known truth). */
  members: number;
  /** Groups the truth has and the resolution made, over those members. */
  truthGroups: number;
  resolvedGroups: number;
  precision: number;
  recall: number;
}

/**
 * Pairwise precision and recall over every member, in SQL (no sampling): a pair of members is
 * predicted when they share a resolved key and true when they share a truth label.
 */
async function pairwise(db: Knex, runId: string, matchedSql: string): Promise<PairwiseQuality> {
  const result = await db.raw<{ rows: Array<Record<string, number>> }>(
    `with matched as (${matchedSql}),
     both_groups as (select truth, resolved, count(*) as n from matched group by truth, resolved),
     resolved_groups as (select resolved, count(*) as n from matched group by resolved),
     truth_groups as (select truth, count(*) as n from matched group by truth)
     select
       (select count(*) from matched) as members,
       (select count(*) from truth_groups) as truth_groups,
       (select count(*) from resolved_groups) as resolved_groups,
       (select coalesce(sum(n * (n - 1) / 2), 0) from resolved_groups) as predicted_pairs,
       (select coalesce(sum(n * (n - 1) / 2), 0) from truth_groups) as truth_pairs,
       (select coalesce(sum(n * (n - 1) / 2), 0) from both_groups) as true_pairs`,
    { run_id: runId },
  );
  const row = result.rows[0]!;
  const n = (key: string) => Number(row[key]);
  return {
    members: n('members'),
    truthGroups: n('truth_groups'),
    resolvedGroups: n('resolved_groups'),
    precision: n('predicted_pairs') === 0 ? 1 : n('true_pairs') / n('predicted_pairs'),
    recall: n('truth_pairs') === 0 ? 1 : n('true_pairs') / n('truth_pairs'),
  };
}

/** The run's resolution scored against the generator's truth: people, accounts (companies) and customers. */
export async function resolutionQuality(db: Knex, runId: string): Promise<Record<'people' | 'accounts' | 'customers', PairwiseQuality>> {
  const personMembers = `
    from bench.person_records as truth
    inner join core.identity_members as members
      on members.run_id = :run_id and members.level = 'person' and members.source = truth.source
      and members.source_object = truth.source_object and members.source_id = truth.source_id`;
  return {
    people: await pairwise(db, runId, `select cast(truth.person_no as text) as truth, members.cluster_key as resolved ${personMembers}`),
    // Account records and the accounts made from company email domains, against the company they are.
    accounts: await pairwise(db, runId, `
      select cast(truth.company_no as text) as truth, members.cluster_key as resolved
      from bench.account_records as truth
      inner join core.identity_members as members
        on members.run_id = :run_id and members.level = 'account' and members.source = truth.source
        and members.source_object = truth.source_object and members.source_id = truth.source_id
      union all
      select cast(companies.company_no as text), members.cluster_key
      from core.identity_members as members
      inner join bench.companies as companies on companies.domain = members.source_id
      where members.run_id = :run_id and members.member_kind = 'email_domain'`),
    // A business person belongs with the company's other staff, a consumer with their own records.
    customers: await pairwise(db, runId, `
      select coalesce('company ' || truth.company_no, 'person ' || truth.person_no) as truth, members.customer_key as resolved ${personMembers}`),
  };
}
