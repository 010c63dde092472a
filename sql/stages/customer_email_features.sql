-- grain: one row per customer reached by email: sends, opens, clicks, form fills and unsubscribes as of the as-of date
-- A temporary table; apply_engagement_features writes it and the other engagement tables to the features in one update.
-- From email_attributed_events (created and analysed before this): the run's marketing events up to the as-of date
-- with the customer each reaches.
create temporary table email_engagement on commit drop as
with attributed as (
  select * from email_attributed_events
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
