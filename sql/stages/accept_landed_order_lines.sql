-- grain: one row per accepted landed order line per run (returns have negative quantity)
insert into core.order_lines (
  run_id, line_no, order_id, customer_id, ordered_at, order_date,
  stock_code, description, quantity, unit_price, line_revenue, is_return, country
)
with source as (
  select * from classified_landed_lines where reason_code is null
),

final as (
  select
    cast(:run_id as uuid) as run_id,
    line_no,
    order_id,
    customer_id,
    ordered_at,
    cast(ordered_at as date) as order_date,
    sku as stock_code,
    description,
    quantity,
    unit_price,
    quantity * unit_price as line_revenue,
    quantity < 0 as is_return,
    country
  from source
)

select * from final
