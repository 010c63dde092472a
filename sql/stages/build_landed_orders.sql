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

-- One full join instead of headers left join line totals plus line totals anti-join headers: each side is read once.
-- A header's own customer, time, country and total win; an order without a header takes its lines'.
joined as (
  select
    coalesce(headers.order_id, line_totals.order_id) as order_id,
    headers.order_id is not null as has_header,
    headers.customer_id as header_customer_id,
    headers.ordered_at as header_ordered_at,
    headers.country as header_country,
    headers.total,
    line_totals.customer_id as line_customer_id,
    line_totals.ordered_at as line_ordered_at,
    line_totals.country as line_country,
    line_totals.is_return as line_is_return,
    line_totals.revenue as line_revenue,
    coalesce(line_totals.line_count, 0) as line_count,
    coalesce(line_totals.units, 0) as units
  from headers
  full join line_totals on headers.order_id = line_totals.order_id
),

final as (
  select
    cast(:run_id as uuid) as run_id,
    order_id,
    case when has_header then header_customer_id else line_customer_id end as customer_id,
    case when has_header then header_ordered_at else line_ordered_at end as ordered_at,
    cast(case when has_header then header_ordered_at else line_ordered_at end as date) as order_date,
    case when has_header then header_country else line_country end as country,
    case when has_header then total < 0 else line_is_return end as is_return,
    line_count,
    units,
    round(case when has_header then total else line_revenue end, 2) as revenue
  from joined
)

-- In key order (run, customer, order): the primary key then grows at one edge instead of taking millions of random inserts.
select * from final
order by customer_id, order_id
