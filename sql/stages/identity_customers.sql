-- grain: one row per customer of the run: an account with the people who work there (b2b), or an individual (b2c)
insert into core.customers (run_id, customer_key, kind, account_name, domain, country, people, records)
with members as (
  select members.*, records.account_name, records.domain, records.country
  from core.identity_members as members
  left join core.identity_records as records using (run_id, member_no)
  where members.run_id = :run_id
),

final as (
  select
    cast(:run_id as uuid) as run_id,
    customer_key,
    case when bool_or(level = 'account') then 'b2b' else 'b2c' end as kind,
    -- The CRM's spelling first, then HubSpot's: min over a stable order of sources keeps it deterministic.
    min(account_name collate "C") filter (where level = 'account') as account_name,
    min(domain collate "C") filter (where level = 'account') as domain,
    mode() within group (order by country) as country,
    cast(count(distinct cluster_key) filter (where level = 'person') as integer) as people,
    cast(count(distinct member_no) as integer) as records
  from members
  group by customer_key
)

select * from final
