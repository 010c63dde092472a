-- grain: one row per customer of one hash partition with a purchase on or before the as-of date, in customer order
-- The BG/NBD summary (weeks) at the as-of date, computed as clv_summaries computes its full summary, for the
-- customers whose id hashes to this partition: each partition's values are written by an activity of its own.
with purchase_days as (
  select customer_id, order_date, sum(revenue) as revenue
  from core.orders
  where
    run_id = :run_id
    and not is_return
    and order_date <= cast(:as_of as date)
    and mod(hashtext(customer_id) & 2147483647, cast(:partitions as integer)) = cast(:partition as integer)
  group by customer_id, order_date
),

with_first_day as (
  select
    customer_id,
    min(order_date) over (partition by customer_id) as first_day,
    order_date,
    revenue
  from purchase_days
),

final as (
  select
    customer_id,
    count(*) - 1 as x,
    (max(order_date) - min(first_day)) / 7.0 as tx,
    (cast(:as_of as date) - min(first_day)) / 7.0 as t_age,
    coalesce(avg(revenue) filter (where order_date > first_day), 0) as zbar
  from with_first_day
  group by customer_id
)

select * from final
order by customer_id
