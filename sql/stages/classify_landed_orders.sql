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
resolved as (
  select latest.*, members.customer_key
  from latest
  left join core.identity_members as members
    on members.run_id = :run_id
    and members.level = 'person'
    and members.source = latest.source
    and (
      (members.source_object = 'customer' and members.source_id = trim(latest.customer_source_id))
      or (members.source_object = 'guest_order' and members.source_id = latest.source_id)
    )
),

final as (
  select
    source,
    source_object,
    source_id,
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
