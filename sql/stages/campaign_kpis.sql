-- grain: one row per campaign with spend or marketing events in the period, per run
-- Reads the temporary tables period_spend and period_campaign_events. Each touched customer's net revenue of the period is
-- split evenly across the campaigns that reached them.
insert into segflow.campaign_kpis (
  run_id, quarter, campaign, channel, spend, touched_customers, new_customers, attributed_revenue, roi, null_reasons
)
with period as (
  select cast(:quarter_start as date) as period_start, cast(:period_end as date) as period_end
),

source_names as (
  select jsonb_array_elements_text(cast(:sources as jsonb)) as source
),

events_data as (
  select exists (select 1 from raw.marketing_events inner join source_names using (source)) as landed
),

spend_campaigns as (
  select
    campaign_key,
    min(campaign) as campaign,
    string_agg(distinct channel, ', ' order by channel) as channel,
    sum(spend) as spend,
    count(distinct currency) as currency_count,
    string_agg(distinct currency, ', ' order by currency) as currencies
  from period_spend
  where campaign_key is not null
  group by campaign_key
),

event_campaigns as (
  select campaign_key, min(campaign) as campaign, string_agg(distinct channel, ', ' order by channel) as channel
  from period_campaign_events
  group by campaign_key
),

touches as (
  select distinct campaign_key, customer_key
  from period_campaign_events
  where customer_key is not null
),

customer_campaigns as (
  select customer_key, count(*) as campaigns
  from touches
  group by customer_key
),

customer_revenue as (
  select orders.customer_id as customer_key, sum(orders.revenue) as revenue
  from core.orders as orders
  cross join period
  where orders.run_id = :run_id and orders.order_date between period.period_start and period.period_end
  group by orders.customer_id
),

campaign_touches as (
  select
    touches.campaign_key,
    count(*) as touched_customers,
    count(*) filter (where features.first_purchase_date between period.period_start and period.period_end) as new_customers,
    sum(coalesce(customer_revenue.revenue, 0) / customer_campaigns.campaigns) as attributed_revenue
  from touches
  cross join period
  inner join customer_campaigns using (customer_key)
  left join customer_revenue using (customer_key)
  left join segflow.customer_features as features on features.run_id = :run_id and features.customer_id = touches.customer_key
  group by touches.campaign_key
),

measured as (
  select
    coalesce(spend_campaigns.campaign, event_campaigns.campaign) as campaign,
    coalesce(spend_campaigns.channel, event_campaigns.channel) as channel,
    case when coalesce(spend_campaigns.currency_count, 0) <= 1 then spend_campaigns.spend end as spend,
    case when events_data.landed then coalesce(campaign_touches.touched_customers, 0) end as touched_customers,
    case when events_data.landed then coalesce(campaign_touches.new_customers, 0) end as new_customers,
    case when events_data.landed then coalesce(campaign_touches.attributed_revenue, 0) end as attributed_revenue,
    case
      when spend_campaigns.campaign_key is null then 'no spend landed for the campaign in ' || :quarter
      when spend_campaigns.currency_count > 1
        then 'the campaign''s spend of ' || :quarter || ' comes in several currencies (' || spend_campaigns.currencies || ') and segflow keeps no exchange rates'
    end as missing_spend,
    case when not events_data.landed then 'no marketing events landed for the run''s sources' end as missing_events
  from (select campaign_key from spend_campaigns union select campaign_key from event_campaigns) as campaigns
  cross join events_data
  left join spend_campaigns using (campaign_key)
  left join event_campaigns using (campaign_key)
  left join campaign_touches using (campaign_key)
),

final as (
  select
    cast(:run_id as uuid) as run_id,
    cast(:quarter as text) as quarter,
    campaign,
    channel,
    round(spend, 2) as spend,
    touched_customers,
    new_customers,
    round(attributed_revenue, 2) as attributed_revenue,
    case when spend > 0 then round((attributed_revenue - spend) / spend, 6) end as roi,
    jsonb_strip_nulls(jsonb_build_object(
      'spend', missing_spend,
      'touched_customers', missing_events,
      'new_customers', missing_events,
      'attributed_revenue', missing_events,
      'roi', coalesce(missing_spend, missing_events, case when spend = 0 then 'the campaign spent nothing in ' || :quarter end)
    )) as null_reasons
  from measured
)

select * from final
