import type { Knex } from 'knex';

export interface ErasedResolvedRows {
  counts: Record<string, number>;
  /** Person and customer ids that no longer have any member: their rows are gone everywhere. */
  customerIds: string[];
}

// Tables handled explicitly, before the generic per-customer sweep.
const IDENTITY_TABLES = new Set(['core.identity_links', 'core.identity_records', 'core.identity_members']);

/**
 * Deletes the erased members from core.identity_*, then every row of a customer left without
 * members in that run, in any core or segflow table keyed by (run_id, customer_id or customer_key)
 * — orders, lines, features, segments, and whatever stage adds such a table later. A B2B person's
 * company stays (it has other members); nothing is recomputed.
 */
export async function eraseResolvedRows(trx: Knex.Transaction, piiHashes: { email: string[]; phone: string[] }): Promise<ErasedResolvedRows> {
  const counts: Record<string, number> = {};
  const count = (table: string, n: number) => {
    if (n > 0) counts[table] = (counts[table] ?? 0) + n;
  };
  await trx.raw(`
    create temporary table forget_customers on commit drop as
    select distinct members.run_id, members.customer_key
    from core.identity_members as members
    inner join forget_members using (run_id, member_no)
    where members.customer_key is not null
      and not exists (
        select 1 from core.identity_members as others
        where others.run_id = members.run_id and others.customer_key = members.customer_key
          and not exists (select 1 from forget_members as f where f.run_id = others.run_id and f.member_no = others.member_no)
      )`);
  await trx.raw(`
    create temporary table forget_ids on commit drop as
    with candidates as (
      select distinct ids.id
      from core.identity_members as members
      inner join forget_members using (run_id, member_no)
      cross join lateral (values (members.cluster_key), (members.customer_key)) as ids (id)
      where ids.id is not null
    ),

    remaining as (
      select members.run_id, members.cluster_key, members.customer_key
      from core.identity_members as members
      where not exists (select 1 from forget_members as f where f.run_id = members.run_id and f.member_no = members.member_no)
    ),

    kept as (
      select cluster_key as id from remaining where cluster_key in (select id from candidates)
      union
      select customer_key from remaining where customer_key in (select id from candidates)
    )

    select id from candidates
    except
    select id from kept`);

  const links = await trx.raw<{ rowCount: number }>(`
    delete from core.identity_links as links
    where (links.run_id, links.left_member_no) in (select run_id, member_no from forget_members)
       or (links.run_id, links.right_member_no) in (select run_id, member_no from forget_members)`);
  count('core.identity_links', links.rowCount);
  // Hash matches outside the members too: a record a stage wrote without a member must not keep the pseudonym.
  const records = await trx.raw<{ rowCount: number }>(
    `delete from core.identity_records as records
     where (records.run_id, records.member_no) in (select run_id, member_no from forget_members)
        or records.email_hash in (select jsonb_array_elements_text(cast(:emails as jsonb)))
        or records.phone_hash in (select jsonb_array_elements_text(cast(:phones as jsonb)))`,
    { emails: JSON.stringify(piiHashes.email), phones: JSON.stringify(piiHashes.phone) },
  );
  count('core.identity_records', records.rowCount);
  const members = await trx.raw<{ rowCount: number }>('delete from core.identity_members where (run_id, member_no) in (select run_id, member_no from forget_members)');
  count('core.identity_members', members.rowCount);

  const keyed = await trx.raw<{ rows: Array<{ table_schema: string; table_name: string; column_name: string }> }>(`
    select columns.table_schema, columns.table_name, columns.column_name
    from information_schema.columns as columns
    inner join information_schema.tables as tables using (table_schema, table_name)
    where tables.table_type = 'BASE TABLE' and columns.table_schema in ('core', 'segflow')
      and columns.column_name in ('customer_id', 'customer_key')
      and exists (
        select 1 from information_schema.columns as run
        where run.table_schema = columns.table_schema and run.table_name = columns.table_name and run.column_name = 'run_id'
      )
    order by 1, 2, 3`);
  for (const { table_schema: schema, table_name: name, column_name: column } of keyed.rows) {
    const table = `${schema}.${name}`;
    if (IDENTITY_TABLES.has(table)) continue;
    const deleted = await trx.raw<{ rowCount: number }>(`delete from "${schema}"."${name}" where (run_id, "${column}") in (select run_id, customer_key from forget_customers)`);
    count(table, deleted.rowCount);
  }
  const ids = await trx.raw<{ rowCount: number }>('delete from segflow.customer_ids where customer_id in (select id from forget_ids)');
  count('segflow.customer_ids', ids.rowCount);
  const erased = await trx.raw<{ rows: Array<{ id: string }> }>('select id from forget_ids order by id');
  return { counts, customerIds: erased.rows.map((r) => r.id) };
}
