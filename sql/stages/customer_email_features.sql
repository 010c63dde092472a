-- grain: one row per customer reached by email: sends, opens, clicks, form fills and unsubscribes as of the as-of date
-- A temporary table; apply_engagement_features writes it and the other engagement tables to the features in one update.
-- Only activity dated on or before as_of counts: an open after as_of does not open an earlier send.
create temporary table email_engagement on commit drop as
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
    coalesce(sends.customer_key, activity.customer_key) as customer_key,
    sends.emails_sent,
    sends.emails_opened,
    sends.emails_clicked,
    activity.form_fills,
    activity.unsubscribed
  from per_customer_sends as sends
  full join per_customer_activity as activity on activity.customer_key = sends.customer_key
)

select * from final
