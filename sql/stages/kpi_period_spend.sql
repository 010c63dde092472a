-- grain: one row per landed marketing spend row (newest version, run's sources) overlapping the period, with its prorated spend
-- A temporary table for the spend and campaign stages. Rows without dates or amount cannot be prorated and are left out.
create temporary table period_spend on commit drop as
with period as (
  select cast(:quarter_start as date) as period_start, cast(:period_end as date) as period_end
),

source_names as (
  select jsonb_array_elements_text(cast(:sources as jsonb)) as source
),

latest_spend as (
  select distinct on (spend.source, spend.source_object, spend.source_id) spend.*
  from raw.marketing_spend as spend
  inner join source_names using (source)
  order by spend.source, spend.source_object, spend.source_id, spend.extracted_at desc, spend.run_id
),

overlapping as (
  select
    latest_spend.*,
    least(latest_spend.period_end, period.period_end) - greatest(latest_spend.period_start, period.period_start) + 1 as overlap_days,
    latest_spend.period_end - latest_spend.period_start + 1 as row_days
  from latest_spend
  cross join period
  where latest_spend.amount is not null
    and latest_spend.period_start <= latest_spend.period_end
    and latest_spend.period_start <= period.period_end
    and latest_spend.period_end >= period.period_start
),

final as (
  select
    nullif(lower(trim(campaign)), '') as campaign_key,
    nullif(trim(campaign), '') as campaign,
    nullif(trim(channel), '') as channel,
    nullif(upper(trim(currency)), '') as currency,
    amount * overlap_days / row_days as spend
  from overlapping
)

select * from final
