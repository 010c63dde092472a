-- grain: one update per customer of the run: web, email and support engagement as of the as-of date
-- From web_engagement, email_engagement and support_engagement (temporary tables of this transaction), in one
-- update: each update rewrites every feature row, so three of them cost three rewrites of the table.
with final as (
  select
    features.customer_id,
    cast(coalesce(web.sessions, 0) as integer) as sessions_90d,
    cast(coalesce(web.page_views, 0) as integer) as page_views_90d,
    web.days_since_last_visit,
    cast(coalesce(web.purchase_events, 0) as integer) as web_purchase_events_90d,
    cast(coalesce(email.emails_sent, 0) as integer) as emails_sent_90d,
    round(cast(email.emails_opened as numeric) / nullif(email.emails_sent, 0), 6) as email_open_rate_90d,
    round(cast(email.emails_clicked as numeric) / nullif(email.emails_sent, 0), 6) as email_click_rate_90d,
    cast(coalesce(email.form_fills, 0) as integer) as form_fills_365d,
    coalesce(email.unsubscribed, false) as unsubscribed,
    cast(coalesce(support.tickets, 0) as integer) as tickets_365d,
    support.csat_avg as csat_avg_365d,
    support.nps_last
  from segflow.customer_features as features
  left join web_engagement as web on web.customer_key = features.customer_id
  left join email_engagement as email on email.customer_key = features.customer_id
  left join support_engagement as support on support.customer_key = features.customer_id
  where features.run_id = :run_id
)

update segflow.customer_features as features
set
  sessions_90d = final.sessions_90d,
  page_views_90d = final.page_views_90d,
  days_since_last_visit = final.days_since_last_visit,
  web_purchase_events_90d = final.web_purchase_events_90d,
  emails_sent_90d = final.emails_sent_90d,
  email_open_rate_90d = final.email_open_rate_90d,
  email_click_rate_90d = final.email_click_rate_90d,
  form_fills_365d = final.form_fills_365d,
  unsubscribed = final.unsubscribed,
  tickets_365d = final.tickets_365d,
  csat_avg_365d = final.csat_avg_365d,
  nps_last = final.nps_last
from final
where features.run_id = :run_id and features.customer_id = final.customer_id
