-- grain: one row per customer with a purchase on or before the holdout end, in customer order: the BG/NBD
-- summary (weeks) at the holdout end and, for customers who had bought by the calibration end, the summary at
-- the calibration end with their purchase days after it. Both summaries in one pass over the run's orders.
-- Only customers whose id hashes to the partition given (all of them for partition 0 of 1): a CLV value
-- partition reads its own customers; the whole-run fit reads everyone.
with purchase_days as (
  select customer_id, order_date, sum(revenue) as revenue
  from core.orders
  where
    run_id = :run_id
    and not is_return
    and order_date <= cast(:holdout_end as date)
    and (cast(:partitions as integer) = 1 or mod(hashtext(customer_id) & 2147483647, cast(:partitions as integer)) = cast(:partition as integer))
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
    (cast(:holdout_end as date) - min(first_day)) / 7.0 as t_age,
    coalesce(avg(revenue) filter (where order_date > first_day), 0) as zbar,
    min(first_day) <= cast(:calibration_end as date) as in_calibration,
    count(*) filter (where order_date <= cast(:calibration_end as date)) - 1 as calibration_x,
    (max(order_date) filter (where order_date <= cast(:calibration_end as date)) - min(first_day)) / 7.0 as calibration_tx,
    (cast(:calibration_end as date) - min(first_day)) / 7.0 as calibration_t_age,
    coalesce(avg(revenue) filter (where order_date > first_day and order_date <= cast(:calibration_end as date)), 0) as calibration_zbar,
    count(*) filter (where order_date > cast(:calibration_end as date)) as holdout_days
  from with_first_day
  group by customer_id
)

select * from final
order by customer_id
