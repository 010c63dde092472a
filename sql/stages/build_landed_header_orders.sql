-- grain: one row per accepted landed order header per run, with the units of its accepted lines
insert into core.orders (
  run_id, order_id, customer_id, ordered_at, order_date, country, is_return, line_count, units, revenue
)
-- A header's lines carry its order id and customer (classify_landed_order_lines), so headers and lines group
-- together on (customer, order): one sort gives the groups in the key's order, ready to insert at one edge.
with header_and_lines as (
  select
    customer_id, order_id, ordered_at, country, total, 0 as is_line, 0 as quantity
  from classified_orders
  where reason_code is null
  union all
  select customer_id, order_id, null, null, null, 1, quantity
  from classified_landed_lines
  where reason_code is null and has_header
),

per_order as (
  select
    customer_id,
    order_id,
    -- Only the header row has a time, country and total.
    max(ordered_at) as ordered_at,
    max(country) as country,
    max(total) as total,
    sum(is_line) as line_count,
    sum(quantity) as units
  from header_and_lines
  group by customer_id, order_id
),

final as (
  select
    cast(:run_id as uuid) as run_id,
    order_id,
    customer_id,
    ordered_at,
    cast(ordered_at as date) as order_date,
    country,
    total < 0 as is_return,
    line_count,
    units,
    round(total, 2) as revenue
  from per_order
)

select * from final
order by customer_id, order_id
