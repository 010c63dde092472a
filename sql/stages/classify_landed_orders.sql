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

final as (
  select
    source,
    source_object,
    source_id,
    position,
    record,
    -- Until identity resolution, an order's customer is its account, else its customer id, else its email.
    coalesce(nullif(trim(account_source_id), ''), nullif(trim(customer_source_id), ''), lower(nullif(trim(email), ''))) as customer_id,
    cast(ordered_at at time zone 'UTC' as timestamp) as ordered_at,
    total,
    country,
    case
      when coalesce(nullif(trim(account_source_id), ''), nullif(trim(customer_source_id), ''), nullif(trim(email), '')) is null then 'missing_customer'
      when ordered_at is null then 'missing_time'
      when total is null then 'missing_total'
      when lower(coalesce(status, '')) in ('refunded', 'cancelled', 'canceled', 'void') then 'cancelled_order'
    end as reason_code
  from latest
)

select * from final
