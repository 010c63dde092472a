-- grain: one update per customer of the run: email sends, open and click rates, form fills and unsubscribes as of the as-of date
-- Only activity dated on or before as_of counts: an open after as_of does not open an earlier send.
with source_names as (
  select jsonb_array_elements_text(cast(:sources as jsonb)) as source
),

latest_events as (
  select distinct on (events.source, events.source_object, events.source_id)
    events.source, events.contact_source_id, events.event_type, events.campaign, events.occurred_at
  from raw.marketing_events as events
  inner join source_names using (source)
  order by events.source, events.source_object, events.source_id, events.extracted_at desc, events.run_id
),

in_window as (
  select *, cast(:as_of as date) - cast(occurred_at as date) as age_days
  from latest_events
  where cast(occurred_at as date) <= cast(:as_of as date) and contact_source_id is not null
),

-- The marketing system's own person record (Marketo lead, Pardot prospect) names the contact; an id that
-- two objects of one source give to different customers is ambiguous and not used.
contacts as (
  select source, source_id as contact_source_id, min(customer_key) as customer_key
  from core.identity_members
  where run_id = :run_id and level = 'person' and member_kind in ('contact', 'lead')
  group by source, source_id
  having count(distinct customer_key) = 1
),

attributed as (
  select in_window.*, contacts.customer_key
  from in_window
  inner join contacts using (source, contact_source_id)
),

sends as (
  select customer_key, source, contact_source_id, campaign
  from attributed
  where event_type = 'send' and age_days < 90
),

opened as (
  select distinct source, contact_source_id, campaign from attributed where event_type = 'open'
),

clicked as (
  select distinct source, contact_source_id, campaign from attributed where event_type = 'click'
),

send_outcomes as (
  select
    sends.customer_key,
    opened.campaign is not null as was_opened,
    clicked.campaign is not null as was_clicked
  from sends
  left join opened using (source, contact_source_id, campaign)
  left join clicked using (source, contact_source_id, campaign)
),

per_customer_sends as (
  select
    customer_key,
    count(*) as emails_sent,
    count(*) filter (where was_opened) as emails_opened,
    count(*) filter (where was_clicked) as emails_clicked
  from send_outcomes
  group by customer_key
),

per_customer_activity as (
  select
    customer_key,
    count(*) filter (where event_type = 'form_fill' and age_days < 365) as form_fills,
    bool_or(event_type = 'unsubscribe') as unsubscribed
  from attributed
  group by customer_key
),

final as (
  select
    features.customer_id,
    cast(coalesce(sends.emails_sent, 0) as integer) as emails_sent_90d,
    round(cast(sends.emails_opened as numeric) / nullif(sends.emails_sent, 0), 6) as email_open_rate_90d,
    round(cast(sends.emails_clicked as numeric) / nullif(sends.emails_sent, 0), 6) as email_click_rate_90d,
    cast(coalesce(activity.form_fills, 0) as integer) as form_fills_365d,
    coalesce(activity.unsubscribed, false) as unsubscribed
  from segflow.customer_features as features
  left join per_customer_sends as sends on sends.customer_key = features.customer_id
  left join per_customer_activity as activity on activity.customer_key = features.customer_id
  where features.run_id = :run_id
)

update segflow.customer_features as features
set
  emails_sent_90d = final.emails_sent_90d,
  email_open_rate_90d = final.email_open_rate_90d,
  email_click_rate_90d = final.email_click_rate_90d,
  form_fills_365d = final.form_fills_365d,
  unsubscribed = final.unsubscribed
from final
where features.run_id = :run_id and features.customer_id = final.customer_id
