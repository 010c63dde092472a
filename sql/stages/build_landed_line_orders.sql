-- grain: one row per order per run that only its accepted landed lines name (no header landed for it)
insert into core.orders (
  run_id, order_id, customer_id, ordered_at, order_date, country, is_return, line_count, units, revenue
)
with per_order as (
  select
    order_id,
    min(customer_id) as customer_id,
    min(ordered_at) as ordered_at,
    min(country) as country,
    bool_or(quantity < 0) as is_return,
    count(*) as line_count,
    sum(quantity) as units,
    sum(quantity * unit_price) as revenue
  from classified_landed_lines
  where reason_code is null and not has_header
  group by order_id
),

final as (
  select
    cast(:run_id as uuid) as run_id,
    order_id,
    customer_id,
    ordered_at,
    cast(ordered_at as date) as order_date,
    country,
    is_return,
    line_count,
    units,
    round(revenue, 2) as revenue
  from per_order
)

-- In key order (run, customer, order), as build_landed_header_orders.
select * from final
order by customer_id, order_id
