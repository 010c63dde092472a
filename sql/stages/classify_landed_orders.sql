-- grain: one row per order header of the run's sources (newest landed version), with the first cleaning rule it breaks
create temporary table classified_orders on commit drop as
with source_names as (
  select jsonb_array_elements_text(cast(:sources as jsonb)) as source
),

latest as (
  select distinct on (orders.source, orders.source_object, orders.source_id) orders.*
  from raw.orders as orders
  inner join source_names using (source)
  order by orders.source, orders.source_object, orders.source_id, orders.extracted_at desc, orders.run_id
),

-- The customer identity resolution gave the order: through its shop customer number, or the order itself for a guest.
-- Two equality joins rather than one join on an OR: an OR condition cannot be hashed, so every order met every member.
resolved as (
  select latest.*, coalesce(customers.customer_key, guests.customer_key) as customer_key
  from latest
  left join core.identity_members as customers
    on customers.run_id = :run_id
    and customers.level = 'person'
    and customers.source = latest.source
    and customers.source_object = 'customer'
    and customers.source_id = trim(latest.customer_source_id)
  left join core.identity_members as guests
    on guests.run_id = :run_id
    and guests.level = 'person'
    and guests.source = latest.source
    and guests.source_object = 'guest_order'
    and guests.source_id = latest.source_id
),

final as (
  select
    source,
    source_object,
    source_id,
    source || ':' || source_id as order_id,
    position,
    record,
    -- Without a resolved identity (a run that resolves none), the account, else the customer id, else the email.
    coalesce(customer_key, nullif(trim(account_source_id), ''), nullif(trim(customer_source_id), ''), lower(nullif(trim(email), ''))) as customer_id,
    cast(ordered_at at time zone 'UTC' as timestamp) as ordered_at,
    total,
    country,
    case
      when coalesce(nullif(trim(account_source_id), ''), nullif(trim(customer_source_id), ''), nullif(trim(email), '')) is null then 'missing_customer'
      when ordered_at is null then 'missing_time'
      when total is null then 'missing_total'
      when lower(coalesce(status, '')) in ('refunded', 'cancelled', 'canceled', 'void') then 'cancelled_order'
    end as reason_code
  from resolved
)

select * from final
