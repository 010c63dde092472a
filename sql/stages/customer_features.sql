-- grain: one row per customer per run (customers with any accepted order on or before as_of)
-- Only orders dated on or before as_of count, so later data cannot leak into a feature.
insert into segflow.customer_features (
  run_id, customer_id, as_of, first_purchase_date, last_purchase_date, recency_days,
  frequency, monetary, gross_revenue, returned_revenue, aov, tenure_days,
  inter_purchase_days, orders_30d, revenue_30d, orders_90d, revenue_90d, orders_365d, revenue_365d,
  product_breadth, return_rate
)
with source as (
  select * from core.orders
  where run_id = :run_id and order_date <= cast(:as_of as date)
),

windowed as (
  select *, cast(:as_of as date) - order_date as age_days from source
),

per_customer as (
  select
    customer_id,
    min(order_date) filter (where not is_return) as first_purchase_date,
    max(order_date) filter (where not is_return) as last_purchase_date,
    count(*) filter (where not is_return) as frequency,
    sum(revenue) as monetary,
    coalesce(sum(revenue) filter (where not is_return), 0) as gross_revenue,
    coalesce(-sum(revenue) filter (where is_return), 0) as returned_revenue,
    count(*) filter (where not is_return and age_days < 30) as orders_30d,
    coalesce(sum(revenue) filter (where age_days < 30), 0) as revenue_30d,
    count(*) filter (where not is_return and age_days < 90) as orders_90d,
    coalesce(sum(revenue) filter (where age_days < 90), 0) as revenue_90d,
    count(*) filter (where not is_return and age_days < 365) as orders_365d,
    coalesce(sum(revenue) filter (where age_days < 365), 0) as revenue_365d
  from windowed
  group by customer_id
),

breadth as (
  select customer_id, count(distinct stock_code) as product_breadth
  from core.order_lines
  where run_id = :run_id and order_date <= cast(:as_of as date) and not is_return
  group by customer_id
),

final as (
  select
    cast(:run_id as uuid) as run_id,
    per_customer.customer_id,
    cast(:as_of as date) as as_of,
    first_purchase_date,
    last_purchase_date,
    cast(:as_of as date) - last_purchase_date as recency_days,
    frequency,
    monetary,
    gross_revenue,
    returned_revenue,
    round(gross_revenue / nullif(frequency, 0), 2) as aov,
    cast(:as_of as date) - first_purchase_date as tenure_days,
    round(cast(last_purchase_date - first_purchase_date as numeric) / nullif(frequency - 1, 0), 2) as inter_purchase_days,
    orders_30d,
    revenue_30d,
    orders_90d,
    revenue_90d,
    orders_365d,
    revenue_365d,
    coalesce(breadth.product_breadth, 0) as product_breadth,
    round(returned_revenue / nullif(gross_revenue, 0), 6) as return_rate
  from per_customer
  left join breadth on breadth.customer_id = per_customer.customer_id
)

select * from final
