-- grain: one row per customer with web activity: sessions, page views, purchases and last visit as of the as-of date
-- A temporary table; apply_engagement_features writes it and the other engagement tables to the features in one update.
-- Only events dated on or before as_of count, and only those decide which browser belongs to whom.
create temporary table web_engagement on commit drop as
with source_names as (
  select jsonb_array_elements_text(cast(:sources as jsonb)) as source
),

latest_events as (
  select distinct on (events.source, events.source_object, events.source_id)
    events.source, events.source_object, events.visitor_id, events.user_id, events.session_id,
    lower(events.event_name) as event_name, events.page_url, events.occurred_at
  from raw.web_events as events
  inner join source_names using (source)
  order by events.source, events.source_object, events.source_id, events.extracted_at desc, events.run_id
),

in_window as (
  select *, cast(:as_of as date) - cast(occurred_at as date) as age_days
  from latest_events
  where cast(occurred_at as date) <= cast(:as_of as date)
),

-- user_id is the shop's own customer number; one that two shop sources give to different customers is ambiguous and not used.
shop_customers as (
  select source_id as user_id, min(customer_key) as customer_key
  from core.identity_members
  where run_id = :run_id and member_kind = 'customer'
  group by source_id
  having count(distinct customer_key) = 1
),

-- A browser (GA4 pseudo id, Adobe visitor id) signed in as exactly one customer: its anonymous visits are that customer's too.
signed_in_browsers as (
  select in_window.source, in_window.visitor_id, min(shop_customers.customer_key) as customer_key
  from in_window
  inner join shop_customers using (user_id)
  where in_window.visitor_id is not null
  group by in_window.source, in_window.visitor_id
  having count(distinct shop_customers.customer_key) = 1
),

attributed as (
  select in_window.*, coalesce(signed_in.customer_key, browser.customer_key) as customer_key
  from in_window
  left join shop_customers as signed_in using (user_id)
  left join signed_in_browsers as browser on browser.source = in_window.source and browser.visitor_id = in_window.visitor_id
),

-- Adobe counts every hit except link tracking as a page view; GA4 logs page_view events.
per_source as (
  select
    customer_key,
    source,
    count(distinct session_id) filter (where age_days < 90) as sessions,
    count(*) filter (
      where age_days < 90 and (
        event_name = 'page_view'
        or (source_object = 'hit_data' and page_url is not null and event_name not in ('custom_link', 'download_link', 'exit_link'))
      )
    ) as page_views,
    count(*) filter (where age_days < 90 and event_name = 'purchase') as purchase_events,
    min(age_days) as days_since_last_visit
  from attributed
  where customer_key is not null
  group by customer_key, source
),

-- GA4 and Adobe often tag the same site: the larger count, not the sum, so a visit is not counted twice.
per_customer as (
  select
    customer_key,
    max(sessions) as sessions,
    max(page_views) as page_views,
    max(purchase_events) as purchase_events,
    min(days_since_last_visit) as days_since_last_visit
  from per_source
  group by customer_key
),

final as (
  select * from per_customer
)

select * from final
