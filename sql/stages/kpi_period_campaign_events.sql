-- grain: one row per campaign touch (newest landed version, run's sources) in the period, with the customer it reached
-- A temporary table for the spend and campaign stages. Touches are sends, opens, clicks, form fills and unsubscribes: a
-- bounce reached nobody, and 'other' events (page views some connectors tag with the page as campaign) are no campaign.
-- Events reach customers as the email features do, through marketing_contacts (created and analysed before this).
create temporary table period_campaign_events on commit drop as
with period as (
  select cast(:quarter_start as date) as period_start, cast(:period_end as date) as period_end
),

source_names as (
  select jsonb_array_elements_text(cast(:sources as jsonb)) as source
),

latest_events as (
  select distinct on (events.source, events.source_object, events.source_id)
    events.source, events.contact_source_id, events.event_type, events.campaign, events.channel, events.occurred_at
  from raw.marketing_events as events
  inner join source_names using (source)
  order by events.source, events.source_object, events.source_id, events.extracted_at desc, events.run_id
),

final as (
  select
    lower(trim(latest_events.campaign)) as campaign_key,
    trim(latest_events.campaign) as campaign,
    nullif(trim(latest_events.channel), '') as channel,
    contacts.customer_key
  from latest_events
  cross join period
  left join marketing_contacts as contacts on contacts.source = latest_events.source and contacts.contact_source_id = latest_events.contact_source_id
  where nullif(trim(latest_events.campaign), '') is not null
    and latest_events.event_type in ('send', 'open', 'click', 'form_fill', 'unsubscribe')
    and cast(latest_events.occurred_at as date) between period.period_start and period.period_end
)

select * from final
