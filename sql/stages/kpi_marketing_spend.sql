-- grain: one update per KPI snapshot row of the run: marketing spend of the period attributed to the segment, CAC and ROI
-- Reads the temporary tables period_spend and period_campaign_events. A campaign's spend is split evenly among the customers
-- its events reached; the all-customers row keeps the whole spend, including what reached no segment.
with spend_data as (
  select
    count(*) > 0 as landed,
    coalesce(sum(spend), 0) as total,
    count(distinct currency) as currency_count,
    string_agg(distinct currency, ', ' order by currency) as currencies
  from period_spend
),

campaign_spend as (
  select campaign_key, sum(spend) as spend
  from period_spend
  where campaign_key is not null
  group by campaign_key
),

touches as (
  select distinct campaign_key, customer_key
  from period_campaign_events
  where customer_key is not null
),

touch_counts as (
  select campaign_key, count(*) as customers
  from touches
  group by campaign_key
),

customer_spend as (
  select touches.customer_key, sum(campaign_spend.spend / touch_counts.customers) as spend
  from touches
  inner join campaign_spend using (campaign_key)
  inner join touch_counts using (campaign_key)
  group by touches.customer_key
),

per_segment as (
  select members.scheme, members.segment_id, sum(customer_spend.spend) as spend
  from segflow.customer_segments as members
  inner join customer_spend on customer_spend.customer_key = members.customer_id
  where members.run_id = :run_id
  group by members.scheme, members.segment_id
  union all
  select 'all', 0, total
  from spend_data
),

measured as (
  select
    snapshots.scheme,
    snapshots.segment_id,
    snapshots.revenue,
    snapshots.new_customers,
    case when spend_data.landed and spend_data.currency_count <= 1 then coalesce(per_segment.spend, 0) end as spend,
    case
      when not spend_data.landed then 'no marketing spend landed for ' || :quarter
      when spend_data.currency_count > 1
        then 'marketing spend of ' || :quarter || ' comes in several currencies (' || spend_data.currencies || ') and segflow keeps no exchange rates'
    end as missing_spend
  from segflow.kpi_snapshots as snapshots
  cross join spend_data
  left join per_segment on per_segment.scheme = snapshots.scheme and per_segment.segment_id = snapshots.segment_id
  where snapshots.run_id = :run_id
),

final as (
  select
    scheme,
    segment_id,
    round(spend, 2) as marketing_spend,
    case when spend > 0 then round(spend / nullif(new_customers, 0), 2) end as cac,
    case when spend > 0 then round((revenue - spend) / spend, 6) end as roi,
    jsonb_strip_nulls(jsonb_build_object(
      'marketing_spend', missing_spend,
      'cac', case
        when missing_spend is not null then missing_spend
        when spend = 0 then 'no marketing spend attributed to the segment in ' || :quarter
        when new_customers = 0 then 'no new customers in ' || :quarter
      end,
      'roi', case
        when missing_spend is not null then missing_spend
        when spend = 0 then 'no marketing spend attributed to the segment in ' || :quarter
      end
    )) as null_reasons
  from measured
)

update segflow.kpi_snapshots as snapshots
set
  marketing_spend = final.marketing_spend,
  cac = final.cac,
  roi = final.roi,
  null_reasons = snapshots.null_reasons || final.null_reasons
from final
where snapshots.run_id = :run_id and snapshots.scheme = final.scheme and snapshots.segment_id = final.segment_id
