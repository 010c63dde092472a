-- grain: one row for the run: what the quality gates judge before it is published
with features as (
  select
    count(*) as customers,
    count(*) filter (where recency_days is null or frequency is null or monetary is null) as customers_missing_key_feature
  from segflow.customer_features
  where run_id = :run_id
),

latest_order as (
  select max(order_date) as latest_order_date
  from core.orders
  where run_id = :run_id and order_date <= cast(:as_of as date)
),

final as (
  select
    features.customers,
    features.customers_missing_key_feature,
    cast(latest_order.latest_order_date as text) as latest_order_date,
    cast(:as_of as date) - latest_order.latest_order_date as data_age_days
  from features
  cross join latest_order
)

select * from final
