-- grain: one update per B2B customer of the run: industry, size, revenue, location and size tier of its account
-- Account records carry no history: the newest landed version of each is used, and per field the most
-- recently modified record that states a value wins. Individuals (B2C) keep nulls.
with account_members as (
  select source, source_object, source_id, customer_key
  from core.identity_members
  where run_id = :run_id and level = 'account'
),

latest_accounts as (
  select distinct on (accounts.source, accounts.source_object, accounts.source_id)
    account_members.customer_key,
    accounts.source,
    accounts.source_object,
    accounts.source_id,
    accounts.source_modified_at,
    accounts.extracted_at,
    nullif(trim(accounts.industry), '') as industry,
    accounts.employees,
    accounts.annual_revenue,
    nullif(upper(trim(accounts.currency)), '') as currency,
    nullif(trim(accounts.region), '') as region
  from raw.accounts as accounts
  inner join account_members using (source, source_object, source_id)
  order by accounts.source, accounts.source_object, accounts.source_id, accounts.extracted_at desc, accounts.run_id
),

ranked as (
  select
    *,
    row_number() over (
      partition by customer_key
      order by source_modified_at desc nulls last, extracted_at desc, source collate "C", source_object collate "C", source_id collate "C"
    ) as recency_rank
  from latest_accounts
),

per_customer as (
  select
    customer_key,
    (array_agg(industry order by recency_rank) filter (where industry is not null))[1] as industry,
    (array_agg(employees order by recency_rank) filter (where employees is not null))[1] as employees,
    (array_agg(annual_revenue order by recency_rank) filter (where annual_revenue is not null))[1] as annual_revenue,
    (array_agg(currency order by recency_rank) filter (where annual_revenue is not null))[1] as annual_revenue_currency,
    (array_agg(region order by recency_rank) filter (where region is not null))[1] as region
  from ranked
  group by customer_key
),

-- Cleaned ISO codes from identity resolution, not the free text the CRMs hold.
account_countries as (
  select members.customer_key, mode() within group (order by records.country) as country
  from core.identity_members as members
  inner join core.identity_records as records using (run_id, member_no)
  where members.run_id = :run_id and members.level = 'account' and records.country is not null
  group by members.customer_key
),

final as (
  select
    customers.customer_key,
    per_customer.industry,
    per_customer.employees,
    per_customer.annual_revenue,
    per_customer.annual_revenue_currency,
    per_customer.region,
    account_countries.country,
    -- No exchange rates are kept: revenue only places an account when it is stated in USD.
    case
      when per_customer.employees >= 1000 then 'enterprise'
      when per_customer.annual_revenue >= 100000000 and per_customer.annual_revenue_currency = 'USD' then 'enterprise'
      when per_customer.employees >= 100 then 'mid-market'
      when per_customer.employees >= 0 then 'smb'
    end as firmographic_tier
  from core.customers as customers
  left join per_customer on per_customer.customer_key = customers.customer_key
  left join account_countries on account_countries.customer_key = customers.customer_key
  where customers.run_id = :run_id and customers.kind = 'b2b'
)

update segflow.customer_features as features
set
  industry = final.industry,
  employees = final.employees,
  annual_revenue = final.annual_revenue,
  annual_revenue_currency = final.annual_revenue_currency,
  region = final.region,
  country = final.country,
  firmographic_tier = final.firmographic_tier
from final
where features.run_id = :run_id and features.customer_id = final.customer_key
