-- grain: one update per customer of the run: support tickets, CSAT and NPS as of the as-of date
-- Responses reach customers through the pseudonymised email (support_response_emails, filled for this
-- transaction): the email hash of an identity record of the run, when it belongs to exactly one customer.
with email_customers as (
  select records.email_hash, min(members.customer_key) as customer_key
  from core.identity_records as records
  inner join core.identity_members as members using (run_id, member_no)
  where records.run_id = :run_id and records.email_hash is not null and members.level = 'person'
  group by records.email_hash
  having count(distinct members.customer_key) = 1
),

in_window as (
  select
    email_customers.customer_key,
    responses.source,
    responses.source_id,
    responses.kind,
    responses.score,
    responses.opened_at,
    cast(:as_of as date) - cast(responses.opened_at as date) as age_days
  from support_response_emails as responses
  inner join email_customers using (email_hash)
  where cast(responses.opened_at as date) <= cast(:as_of as date)
),

per_customer as (
  select
    customer_key,
    count(*) filter (where kind = 'ticket' and age_days < 365) as tickets,
    round(avg(score) filter (where kind = 'csat' and age_days < 365), 3) as csat_avg
  from in_window
  group by customer_key
),

last_nps as (
  select distinct on (customer_key) customer_key, score as nps_last
  from in_window
  where kind = 'nps' and score is not null
  order by customer_key, opened_at desc, source desc, source_id desc
),

final as (
  select
    features.customer_id,
    cast(coalesce(per_customer.tickets, 0) as integer) as tickets_365d,
    per_customer.csat_avg as csat_avg_365d,
    last_nps.nps_last
  from segflow.customer_features as features
  left join per_customer on per_customer.customer_key = features.customer_id
  left join last_nps on last_nps.customer_key = features.customer_id
  where features.run_id = :run_id
)

update segflow.customer_features as features
set
  tickets_365d = final.tickets_365d,
  csat_avg_365d = final.csat_avg_365d,
  nps_last = final.nps_last
from final
where features.run_id = :run_id and features.customer_id = final.customer_id
