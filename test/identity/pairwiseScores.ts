import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Knex } from 'knex';

export interface PairwiseScores {
  truthMembers: number;
  predictedPairs: number;
  truthPairs: number;
  truePairs: number;
  precision: number;
  recall: number;
}

/** ground_truth/people.csv → (source, source_object, source_id, person) rows in identity_truth, under the names the connectors land them with. */
export async function loadPeopleTruth(db: Knex, peopleCsv: string): Promise<number> {
  const rows = parse(await readFile(peopleCsv, 'utf8'), { columns: true }) as Array<Record<string, string>>;
  const columns: ReadonlyArray<[string, string, string]> = [
    ['salesforce_contact_ids', 'crm', 'Contact'], ['salesforce_lead_ids', 'crm', 'Lead'], ['hubspot_contact_ids', 'hubspot', 'contacts'],
    ['marketo_lead_ids', 'marketo', 'leads'], ['pardot_prospect_ids', 'pardot', 'prospects'], ['order_customer_ids', 'billing-orders', 'customer'],
  ];
  await db.schema.createTable('identity_truth', (t) => {
    t.text('source'); t.text('source_object'); t.text('source_id'); t.text('person_id'); t.text('company_id'); t.text('kind');
  });
  const truth = rows.flatMap((row) => columns.flatMap(([column, source, sourceObject]) =>
    (row[column] ?? '').split('|').filter((id) => id !== '').map((id) => ({
      source, source_object: sourceObject, source_id: id, person_id: row.person_id!, company_id: row.company_id || null, kind: row.kind!,
    }))));
  await db.batchInsert('identity_truth', truth, 2_000);
  return truth.length;
}

/** Pairwise precision and recall of the run's resolved people (or customers) against the truth, over the truth's records that landed. */
export async function pairwiseScores(db: Knex, runId: string, level: 'person' | 'customer' = 'person'): Promise<PairwiseScores> {
  // Customers: B2B people belong together when they work for the same company, B2C people when they are the same person.
  const keyColumn = level === 'person' ? 'cluster_key' : 'customer_key';
  const truthLabel = level === 'person' ? 'truth.person_id' : 'coalesce(truth.company_id, truth.person_id)';
  const result = await db.raw<{ rows: Array<Omit<PairwiseScores, 'precision' | 'recall'>> }>(`
    with matched as (
      select ${truthLabel} as person_id, members.${keyColumn} as resolved
      from identity_truth as truth
      inner join core.identity_members as members
        on members.run_id = :run_id and members.level = 'person' and members.source = truth.source
        and members.source_object = truth.source_object and members.source_id = truth.source_id
    ),
    both_groups as (select person_id, resolved, count(*) as n from matched group by person_id, resolved),
    resolved_groups as (select resolved, count(*) as n from matched group by resolved),
    truth_groups as (select person_id, count(*) as n from matched group by person_id)
    select
      (select count(*) from matched) as "truthMembers",
      (select coalesce(sum(n * (n - 1) / 2), 0) from resolved_groups) as "predictedPairs",
      (select coalesce(sum(n * (n - 1) / 2), 0) from truth_groups) as "truthPairs",
      (select coalesce(sum(n * (n - 1) / 2), 0) from both_groups) as "truePairs"`, { run_id: runId });
  const row = result.rows[0]!;
  const counts = {
    truthMembers: Number(row.truthMembers), predictedPairs: Number(row.predictedPairs), truthPairs: Number(row.truthPairs), truePairs: Number(row.truePairs),
  };
  return { ...counts, precision: counts.truePairs / counts.predictedPairs, recall: counts.truePairs / counts.truthPairs };
}
