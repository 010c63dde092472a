-- grain: one row per customer with a purchase on or before the calibration end (BG/NBD summary in
-- weeks), with the purchase days after it up to the holdout end; one keyset page of customers
with purchase_days as (
  select customer_id, order_date, sum(revenue) as revenue
  from core.orders
  where run_id = :run_id and not is_return and order_date <= cast(:holdout_end as date)
  group by customer_id, order_date
),

calibration as (
  select
    customer_id,
    min(order_date) filter (where order_date <= cast(:calibration_end as date)) over (partition by customer_id) as first_day,
    order_date,
    revenue
  from purchase_days
),

final as (
  select
    customer_id,
    count(*) filter (where order_date <= cast(:calibration_end as date)) - 1 as x,
    (max(order_date) filter (where order_date <= cast(:calibration_end as date)) - min(first_day)) / 7.0 as tx,
    (cast(:calibration_end as date) - min(first_day)) / 7.0 as t_age,
    coalesce(avg(revenue) filter (where order_date > first_day and order_date <= cast(:calibration_end as date)), 0) as zbar,
    count(*) filter (where order_date > cast(:calibration_end as date)) as holdout_days
  from calibration
  where first_day is not null
  group by customer_id
)

select * from final
where customer_id > :after
order by customer_id
limit :page_size
