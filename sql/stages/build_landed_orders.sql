-- grain: one row per accepted order per run: landed headers (with their lines' units) and line-only orders
insert into core.orders (
  run_id, order_id, customer_id, ordered_at, order_date, country, is_return, line_count, units, revenue
)
with line_totals as (
  select order_id, count(*) as line_count, sum(quantity) as units, bool_or(is_return) as is_return, sum(line_revenue) as revenue,
    min(customer_id) as customer_id, min(ordered_at) as ordered_at, min(country) as country
  from core.order_lines
  where run_id = :run_id
  group by order_id
),

headers as (
  select
    classified_orders.source || ':' || classified_orders.source_id as order_id,
    customer_id,
    ordered_at,
    country,
    total
  from classified_orders
  where reason_code is null
),

from_headers as (
  select
    headers.order_id,
    headers.customer_id,
    headers.ordered_at,
    cast(headers.ordered_at as date) as order_date,
    headers.country,
    headers.total < 0 as is_return,
    coalesce(line_totals.line_count, 0) as line_count,
    coalesce(line_totals.units, 0) as units,
    round(headers.total, 2) as revenue
  from headers
  left join line_totals using (order_id)
),

line_only as (
  select
    order_id, customer_id, ordered_at, cast(ordered_at as date) as order_date, country, is_return, line_count, units,
    round(revenue, 2) as revenue
  from line_totals
  -- An anti-join, not NOT IN: NOT IN over more ids than fit in work_mem rescans the list for every line total.
  where not exists (select 1 from headers where headers.order_id = line_totals.order_id)
),

final as (
  select cast(:run_id as uuid) as run_id, * from from_headers
  union all
  select cast(:run_id as uuid) as run_id, * from line_only
)

select * from final
