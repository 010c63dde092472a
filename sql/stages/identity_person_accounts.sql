-- grain: one row per resolved person of the run that works for an account, with the account chosen by weighted votes of its records
create temporary table identity_person_accounts on commit drop as
with people as (
  select keys.cluster_key as person_key, members.source, records.*
  from core.identity_records as records
  inner join identity_run_members as members using (run_id, member_no)
  inner join identity_member_keys as keys using (member_no)
  where records.run_id = :run_id and members.level = 'person'
),

accounts as (
  select members.member_no, members.source, members.source_id, members.member_kind, keys.cluster_key as account_key
  from identity_run_members as members
  inner join identity_member_keys as keys using (member_no)
  where members.run_id = :run_id and members.level = 'account'
),

account_names as (
  select records.name_key, min(accounts.account_key) as account_key
  from core.identity_records as records
  inner join accounts using (member_no)
  where records.run_id = :run_id and records.name_key is not null
  group by records.name_key
  -- A name shared by two different accounts says nothing.
  having count(distinct accounts.account_key) = 1
),

-- A CRM account id named by the record (AccountId, ConvertedAccountId, associatedcompanyid, an order's account): the same source's account first.
named_accounts as (
  select distinct on (people.member_no, people.account_ref) people.person_key, accounts.account_key
  from people
  inner join accounts on accounts.member_kind = 'account' and accounts.source_id = people.account_ref
  order by people.member_no, people.account_ref, (accounts.source = people.source) desc, accounts.account_key collate "C"
),

votes as (
  select person_key, account_key, 3 as weight from named_accounts
  union all
  -- A company email domain.
  select people.person_key, accounts.account_key, 2
  from people
  inner join accounts on accounts.member_kind = 'email_domain' and accounts.source_id = people.domain
  union all
  -- The employer name the person typed, when exactly one account has that name.
  select people.person_key, account_names.account_key, 1
  from people
  inner join account_names on account_names.name_key = people.company_key
),

final as (
  select distinct on (person_key) person_key, account_key, sum(weight) as weight
  from votes
  group by person_key, account_key
  order by person_key, sum(weight) desc, account_key collate "C"
)

select * from final
