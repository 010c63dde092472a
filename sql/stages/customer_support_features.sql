-- grain: one row per customer with support responses: tickets, CSAT and NPS as of the as-of date
-- A temporary table; apply_engagement_features writes it and the other engagement tables to the features in one update.
-- Responses reach customers through the pseudonymised email (support_response_emails, filled for this
-- transaction): the email hash of an identity record of the run, when it belongs to exactly one customer.
create temporary table support_engagement on commit drop as
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
    coalesce(per_customer.customer_key, last_nps.customer_key) as customer_key,
    per_customer.tickets,
    per_customer.csat_avg,
    last_nps.nps_last
  from per_customer
  full join last_nps on last_nps.customer_key = per_customer.customer_key
)

select * from final
