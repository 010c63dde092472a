import type { Knex } from 'knex';

/** The three sources of the bench and how their objects land, like the real connectors map them. */
export const BENCH_SOURCES = ['crm', 'hubspot', 'marketo'];

const FREE_MAIL = `array['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com']`;

/**
 * What each source holds about the people and companies of bench.people / bench.companies, with the
 * person and company each record really is: bench.person_records and bench.account_records.
 * - crm (Salesforce-like): Contact (raw.contacts, AccountId), unconverted Lead (raw.leads, company typed),
 *   and for 15% of contacts the Lead they were converted from (raw.leads, ConvertedContactId/AccountId); Account (raw.accounts).
 * - hubspot: contacts (raw.contacts, company in the record, associated company for 80%); companies (raw.accounts).
 * - marketo: leads (raw.contacts, company in the record), where 10% of business people used a private free-mail address.
 * Each source spells email, phone, country and company its own way (bench.*_variant); 5% of business records carry
 * the company switchboard instead of the person's phone.
 */
export async function generateSourceRecords(db: Knex, seed: number): Promise<void> {
  const hex = (n: string, width: number) => `lpad(to_hex(${n}), ${width}, '0')`;
  const phone = (s: number) => `case when p.company_no is not null and bench.unit(p.person_no, ${53 + s}, ${seed}) < 0.05
      then bench.phone_variant(c.country, bench.company_nsn(c.country, c.company_no), p.person_no, ${s}, ${seed})
      else bench.phone_variant(p.country, p.nsn, p.person_no, ${s}, ${seed}) end`;
  const person = (s: number, domain = 'p.email_domain') => `
      p.person_no, p.company_no, bench.email_variant(p.email_local, ${domain}, p.person_no, ${s}, ${seed}) as email, ${phone(s)} as phone,
      initcap(p.first_name) as first_name, initcap(p.last_name) as last_name, bench.country_variant(p.country, p.person_no, ${s}, ${seed}) as country`;
  const typedCompany = (s: number) => `case when c.company_no is not null then bench.company_variant(c.base_name, c.country, c.company_no, ${s}, ${seed}) end`;
  await db.raw('drop table if exists bench.person_records, bench.account_records');
  await db.raw(
    `create table bench.person_records as
     with p as (select * from bench.people)
     select 'crm' as source, 'Contact' as source_object, 'contacts' as entity, '003' || ${hex('p.person_no', 12)} as source_id, ${person(0)},
       cast(null as text) as company, case when c.in_crm then '001' || ${hex('c.company_no', 12)} end as account_ref, cast(null as text) as contact_ref
     from p left join bench.companies as c using (company_no)
     where p.sources & 1 = 1 and bench.unit(p.person_no, 50, ${seed}) >= 0.2
     union all
     select 'crm', 'Lead', 'leads', '00Q' || ${hex('p.person_no', 12)}, ${person(0)}, ${typedCompany(0)}, null, null
     from p left join bench.companies as c using (company_no)
     where p.sources & 1 = 1 and bench.unit(p.person_no, 50, ${seed}) < 0.2
     union all
     select 'crm', 'Lead', 'leads', '00QC' || ${hex('p.person_no', 11)}, ${person(3)}, ${typedCompany(0)},
       case when c.in_crm then '001' || ${hex('c.company_no', 12)} end, '003' || ${hex('p.person_no', 12)}
     from p left join bench.companies as c using (company_no)
     where p.sources & 1 = 1 and bench.unit(p.person_no, 50, ${seed}) >= 0.2 and bench.unit(p.person_no, 51, ${seed}) < 0.15
     union all
     select 'hubspot', 'contacts', 'contacts', cast(100000000 + p.person_no as text), ${person(1)}, ${typedCompany(1)},
       case when c.in_hubspot and bench.unit(p.person_no, 52, ${seed}) < 0.8 then cast(5000000000 + c.company_no as text) end, null
     from p left join bench.companies as c using (company_no)
     where p.sources & 2 = 2
     union all
     select 'marketo', 'leads', 'contacts', cast(p.person_no as text),
       ${person(2, `case when p.company_no is not null and bench.unit(p.person_no, 57, ${seed}) < 0.1 then bench.pick(${FREE_MAIL}, p.person_no, 58, ${seed}) else p.email_domain end`)},
       ${typedCompany(2)}, null, null
     from p left join bench.companies as c using (company_no)
     where p.sources & 4 = 4`,
  );
  await db.raw(
    `create table bench.account_records as
     select 'crm' as source, 'Account' as source_object, '001' || ${hex('c.company_no', 12)} as source_id, c.company_no,
       bench.company_variant(c.base_name, c.country, c.company_no, 4, ${seed}) as name,
       case when bench.unit(c.company_no, 64, ${seed}) < 0.5 then c.domain end as domain,
       case when bench.unit(c.company_no, 64, ${seed}) between 0.5 and 0.8 then 'https://www.' || c.domain || '/' end as website,
       bench.country_variant(c.country, c.company_no, 4, ${seed}) as country
     from bench.companies as c
     where c.in_crm
     union all
     select 'hubspot', 'companies', cast(5000000000 + c.company_no as text), c.company_no,
       bench.company_variant(c.base_name, c.country, c.company_no, 1, ${seed}),
       case when bench.unit(c.company_no, 65, ${seed}) < 0.9 then c.domain end, null,
       bench.country_variant(c.country, c.company_no, 1, ${seed})
     from bench.companies as c
     where c.in_hubspot`,
  );
  await db.raw('create index on bench.person_records (source, source_object, source_id)');
  await db.raw('create index on bench.account_records (source, source_object, source_id)');
}

/** Lands the records in raw.contacts, raw.leads and raw.accounts for the run; returns rows per source, object and table. */
export async function landSourceRecords(db: Knex, runId: string): Promise<Array<{ source: string; source_object: string; entity: string; rows: number }>> {
  await db.raw(
    `insert into raw.contacts (run_id, source, source_object, source_id, record, account_source_id, email, phone, first_name, last_name, country)
     select cast(? as uuid), source, source_object, source_id, case when company is not null then jsonb_build_object('company', company) end,
       account_ref, email, phone, first_name, last_name, country
     from bench.person_records where entity = 'contacts'`,
    [runId],
  );
  await db.raw(
    `insert into raw.leads (run_id, source, source_object, source_id, email, phone, first_name, last_name, company, country,
       converted_contact_source_id, converted_account_source_id)
     select cast(? as uuid), source, source_object, source_id, email, phone, first_name, last_name, company, country, contact_ref, account_ref
     from bench.person_records where entity = 'leads'`,
    [runId],
  );
  await db.raw(
    `insert into raw.accounts (run_id, source, source_object, source_id, name, domain, website, country)
     select cast(? as uuid), source, source_object, source_id, name, domain, website, country from bench.account_records`,
    [runId],
  );
  await db.raw('analyze raw.contacts; analyze raw.leads; analyze raw.accounts');
  const counts = await db.raw<{ rows: Array<{ source: string; source_object: string; entity: string; rows: number }> }>(
    `select source, source_object, entity, count(*) as rows from bench.person_records group by 1, 2, 3
     union all
     select source, source_object, 'accounts', count(*) from bench.account_records group by 1, 2
     order by 1, 2`,
  );
  return counts.rows.map((r) => ({ ...r, rows: Number(r.rows) }));
}
