-- grain: one account member per company email domain seen on the run's people, so staff of a company with no account record still roll up to one account
insert into identity_run_members (run_id, member_no, level, source, source_object, source_id, member_kind)
with domains as (
  select distinct records.domain
  from core.identity_records as records
  inner join identity_run_members as members using (run_id, member_no)
  where records.run_id = :run_id and members.level = 'person' and records.domain is not null
),

first_free as (
  select coalesce(max(member_no), 0) as last_member_no from identity_run_members where run_id = :run_id
),

final as (
  select
    cast(:run_id as uuid) as run_id,
    cast(first_free.last_member_no + row_number() over (order by domains.domain collate "C") as integer) as member_no,
    'account' as level,
    'identity' as source,
    'email_domain' as source_object,
    domains.domain as source_id,
    'email_domain' as member_kind
  from domains
  cross join first_free
)

select * from final
