-- grain: one row per marketing event (newest landed version, run's sources) on or before the as-of date that reaches a customer
-- A temporary table, analysed before customer_email_features counts sends, opens and clicks from it: planned from
-- estimates instead, the joins of sends to opens and clicks ran as nested loops (a minute at 20k customers).
-- Only activity dated on or before as_of counts: an open after as_of does not open an earlier send. Events reach
-- customers through marketing_contacts (see marketing_contacts.sql), created and analysed before this.
create temporary table email_attributed_events on commit drop as
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

attributed as (
  select in_window.*, contacts.customer_key
  from in_window
  inner join marketing_contacts as contacts using (source, contact_source_id)
)

select * from attributed
