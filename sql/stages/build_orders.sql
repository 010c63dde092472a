-- grain: one row per invoice (order) per run
insert into core.orders (
  run_id, order_id, customer_id, ordered_at, order_date, country, is_return, line_count, units, revenue
)
with source as (
  select * from core.order_lines where run_id = :run_id
),

final as (
  select
    run_id,
    order_id,
    min(customer_id) as customer_id,
    min(ordered_at) as ordered_at,
    cast(min(ordered_at) as date) as order_date,
    min(country) as country,
    bool_or(is_return) as is_return,
    count(*) as line_count,
    sum(quantity) as units,
    round(sum(line_revenue), 2) as revenue
  from source
  group by run_id, order_id
)

-- In key order (run, customer, order), as build_landed_header_orders.
select * from final
order by customer_id, order_id
