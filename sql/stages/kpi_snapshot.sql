-- grain: one row per segment per scheme per run, for the quarter ending at the run's as-of date
insert into segflow.kpi_snapshots (
  run_id, as_of, quarter, quarter_start, period_end, is_partial, scheme, segment_id, segment_label,
  customers, active_customers, orders, revenue, aov, revenue_share
)
with period_orders as (
  select
    customer_id,
    count(*) filter (where not is_return) as orders,
    coalesce(sum(revenue) filter (where not is_return), 0) as gross_revenue,
    sum(revenue) as revenue
  from core.orders
  where run_id = :run_id
    and order_date between cast(:quarter_start as date) and cast(:period_end as date)
  group by customer_id
),

members as (
  select scheme, segment_id, customer_id
  from segflow.customer_segments
  where run_id = :run_id
),

per_segment as (
  select
    segments.scheme,
    segments.segment_id,
    segments.label,
    count(members.customer_id) as customers,
    count(period_orders.customer_id) filter (where period_orders.orders > 0) as active_customers,
    coalesce(sum(period_orders.orders), 0) as orders,
    coalesce(sum(period_orders.gross_revenue), 0) as gross_revenue,
    coalesce(sum(period_orders.revenue), 0) as revenue
  from segflow.segments as segments
  left join members on members.scheme = segments.scheme and members.segment_id = segments.segment_id
  left join period_orders on period_orders.customer_id = members.customer_id
  where segments.run_id = :run_id
  group by segments.scheme, segments.segment_id, segments.label
),

final as (
  select
    cast(:run_id as uuid) as run_id,
    cast(:as_of as date) as as_of,
    cast(:quarter as text) as quarter,
    cast(:quarter_start as date) as quarter_start,
    cast(:period_end as date) as period_end,
    cast(:is_partial as boolean) as is_partial,
    scheme,
    segment_id,
    label as segment_label,
    customers,
    active_customers,
    orders,
    round(revenue, 2) as revenue,
    round(gross_revenue / nullif(orders, 0), 2) as aov,
    round(revenue / nullif(sum(revenue) over (partition by scheme), 0), 6) as revenue_share
  from per_segment
)

select * from final
