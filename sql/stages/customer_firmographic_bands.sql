-- grain: one update per B2B customer of the run: size and revenue bands, age, parent and normalised industry
-- Runs after customer_firmographics, whose employees, revenue and industry it bands. Founding year,
-- parent and industry codes have no landing column: they are read from the account record jsonb.
with account_records as (
  select distinct on (accounts.source, accounts.source_object, accounts.source_id)
    members.customer_key,
    accounts.source_modified_at,
    accounts.extracted_at,
    accounts.source,
    accounts.source_id,
    accounts.record
  from raw.accounts as accounts
  inner join core.identity_members as members
    on members.source = accounts.source and members.source_object = accounts.source_object and members.source_id = accounts.source_id
  where members.run_id = :run_id and members.level = 'account'
  order by accounts.source, accounts.source_object, accounts.source_id, accounts.extracted_at desc, accounts.run_id
),

account_fields as (
  select
    customer_key,
    source_modified_at,
    extracted_at,
    source,
    source_id,
    cast(substring(coalesce(
      record ->> 'year_established', record ->> 'YearStarted', record #>> '{properties,founded_year}', record ->> 'founded_year'
    ) from '^\s*(\d{4})\s*$') as integer) as founded_year,
    nullif(trim(coalesce(
      record ->> 'subsidiary_of', record ->> 'ParentId', record #>> '{properties,hs_parent_company_id}', record ->> 'hs_parent_company_id'
    )), '') as parent_account,
    coalesce(
      'naics/' || nullif(trim(record ->> 'NaicsCode'), ''),
      'sic/' || nullif(trim(record ->> 'Sic'), '')
    ) as industry_code
  from account_records
),

per_customer as (
  select
    customer_key,
    (array_agg(founded_year order by source_modified_at desc nulls last, extracted_at desc, source collate "C", source_id collate "C")
      filter (where founded_year is not null))[1] as founded_year,
    (array_agg(parent_account order by source_modified_at desc nulls last, extracted_at desc, source collate "C", source_id collate "C")
      filter (where parent_account is not null))[1] as parent_account,
    (array_agg(industry_code order by source_modified_at desc nulls last, extracted_at desc, source collate "C", source_id collate "C")
      filter (where industry_code is not null))[1] as industry_code
  from account_fields
  group by customer_key
),

-- Short synonym list: spellings CRMs use for the same industry. Anything else keeps its cleaned text.
industry_synonyms (spelling, industry) as (
  values
    ('tech', 'technology'),
    ('information technology', 'technology'),
    ('it', 'technology'),
    ('software', 'technology'),
    ('computer software', 'technology'),
    ('finance', 'financial services'),
    ('banking', 'financial services'),
    ('healthcare', 'health care'),
    ('medical', 'health care'),
    ('retail', 'retail'),
    ('retailing', 'retail'),
    ('telecom', 'telecommunications'),
    ('telecoms', 'telecommunications'),
    ('manufacture', 'manufacturing')
),

final as (
  select
    features.customer_id,
    case
      when features.employees is null then null
      when features.employees <= 10 then '1-10'
      when features.employees <= 100 then '11-100'
      when features.employees <= 1000 then '101-1000'
      else '1000+'
    end as company_size_band,
    case
      when features.annual_revenue is null then null
      when features.annual_revenue < 1000000 then '<1M'
      when features.annual_revenue < 10000000 then '1M-10M'
      when features.annual_revenue < 100000000 then '10M-100M'
      else '100M+'
    end as revenue_band,
    extract(year from cast(:as_of as date)) - per_customer.founded_year as years_in_operation,
    per_customer.parent_account,
    coalesce(industry_synonyms.industry, cleaned.industry) as industry_normalised,
    per_customer.industry_code
  from segflow.customer_features as features
  inner join core.customers as customers on customers.run_id = features.run_id and customers.customer_key = features.customer_id
  left join per_customer on per_customer.customer_key = features.customer_id
  cross join lateral (
    select nullif(regexp_replace(replace(lower(trim(features.industry)), '&', ' and '), '\s+', ' ', 'g'), '') as industry
  ) as cleaned
  left join industry_synonyms on industry_synonyms.spelling = cleaned.industry
  where features.run_id = :run_id and customers.kind = 'b2b'
)

update segflow.customer_features as features
set
  company_size_band = final.company_size_band,
  revenue_band = final.revenue_band,
  years_in_operation = final.years_in_operation,
  parent_account = final.parent_account,
  industry_normalised = final.industry_normalised,
  industry_code = final.industry_code
from final
where features.run_id = :run_id and features.customer_id = final.customer_id
