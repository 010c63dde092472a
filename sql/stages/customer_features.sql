-- grain: one row per customer per run (customers with any accepted order on or before as_of)
insert into segflow.customer_features (
  run_id, customer_id, as_of, first_purchase_date, last_purchase_date, recency_days,
  frequency, monetary, gross_revenue, returned_revenue, aov, tenure_days
)
with source as (
  select * from core.orders
  where run_id = :run_id and order_date <= cast(:as_of as date)
),

per_customer as (
  select
    customer_id,
    min(order_date) filter (where not is_return) as first_purchase_date,
    max(order_date) filter (where not is_return) as last_purchase_date,
    count(*) filter (where not is_return) as frequency,
    sum(revenue) as monetary,
    coalesce(sum(revenue) filter (where not is_return), 0) as gross_revenue,
    coalesce(-sum(revenue) filter (where is_return), 0) as returned_revenue
  from source
  group by customer_id
),

final as (
  select
    cast(:run_id as uuid) as run_id,
    customer_id,
    cast(:as_of as date) as as_of,
    first_purchase_date,
    last_purchase_date,
    cast(:as_of as date) - last_purchase_date as recency_days,
    frequency,
    monetary,
    gross_revenue,
    returned_revenue,
    round(gross_revenue / nullif(frequency, 0), 2) as aov,
    cast(:as_of as date) - first_purchase_date as tenure_days
  from per_customer
)

select * from final
