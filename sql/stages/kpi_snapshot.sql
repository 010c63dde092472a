-- grain: one row per segment per scheme per run, plus one all-customers row (scheme all, segment 0), for the quarter ending at the run's as-of date
-- Orders, revenue, customers, CLV and retention. The pipeline, spend and survey stages fill their columns afterwards.
insert into segflow.kpi_snapshots (
  run_id, as_of, quarter, quarter_start, period_end, is_partial, scheme, segment_id, segment_label,
  customers, new_customers, active_customers, orders, revenue, revenue_share, aov, purchase_frequency,
  clv_historical, clv_predicted, retention_base, retained_customers, retention_rate, churn_rate, null_reasons
)
with period as (
  select
    cast(:quarter_start as date) as period_start,
    cast(:period_end as date) as period_end,
    cast(cast(:quarter_start as date) - interval '3 months' as date) as previous_start,
    cast(:quarter_start as date) - 1 as previous_end
),

customer_activity as (
  select
    orders.customer_id,
    count(*) filter (where not orders.is_return and orders.order_date >= period.period_start) as orders,
    coalesce(sum(orders.revenue) filter (where not orders.is_return and orders.order_date >= period.period_start), 0) as gross_revenue,
    coalesce(sum(orders.revenue) filter (where orders.order_date >= period.period_start), 0) as revenue,
    coalesce(bool_or(not orders.is_return and orders.order_date <= period.previous_end), false) as active_before
  from core.orders as orders
  cross join period
  where orders.run_id = :run_id and orders.order_date between period.previous_start and period.period_end
  group by orders.customer_id
),

previous_quarter as (
  select
    to_char(period.previous_start, 'YYYY-"Q"Q') as label,
    exists (
      select 1 from core.orders
      where orders.run_id = :run_id and orders.order_date between period.previous_start and period.previous_end
    ) as has_orders
  from period
),

clv_model as (
  select coalesce(cast(model ->> 'fitted' as boolean), false) as fitted, model ->> 'reason' as reason
  from segflow.clv_models
  where run_id = :run_id
),

-- The all-customers row is one more scheme holding every customer of the run.
segment_labels as (
  select scheme, segment_id, label from segflow.segments where run_id = :run_id
  union all
  select 'all', 0, 'All customers'
),

members as (
  select scheme, segment_id, customer_id from segflow.customer_segments where run_id = :run_id
  union all
  select 'all', 0, customer_id from segflow.customer_features where run_id = :run_id
),

-- Members are measured per segment before the labels join: joined to the few label rows first, the planner
-- estimated a thousand members instead of millions and probed customer_features once per customer.
member_measures as (
  select
    members.scheme,
    members.segment_id,
    count(*) as customers,
    count(*) filter (where features.first_purchase_date between period.period_start and period.period_end) as new_customers,
    count(*) filter (where activity.orders > 0) as active_customers,
    coalesce(sum(activity.orders), 0) as orders,
    coalesce(sum(activity.gross_revenue), 0) as gross_revenue,
    coalesce(sum(activity.revenue), 0) as revenue,
    avg(features.monetary) as clv_historical,
    avg(features.clv_predicted_365d) as clv_predicted,
    count(*) filter (where activity.active_before) as retention_base,
    count(*) filter (where activity.active_before and activity.orders > 0) as retained_customers
  from members
  cross join period
  left join segflow.customer_features as features on features.run_id = :run_id and features.customer_id = members.customer_id
  left join customer_activity as activity on activity.customer_id = members.customer_id
  group by members.scheme, members.segment_id
),

-- Every labelled segment, those without customers at zero.
per_segment as (
  select
    segment_labels.scheme,
    segment_labels.segment_id,
    segment_labels.label,
    coalesce(measures.customers, 0) as customers,
    coalesce(measures.new_customers, 0) as new_customers,
    coalesce(measures.active_customers, 0) as active_customers,
    coalesce(measures.orders, 0) as orders,
    coalesce(measures.gross_revenue, 0) as gross_revenue,
    coalesce(measures.revenue, 0) as revenue,
    measures.clv_historical,
    measures.clv_predicted,
    coalesce(measures.retention_base, 0) as retention_base,
    coalesce(measures.retained_customers, 0) as retained_customers
  from segment_labels
  left join member_measures as measures on measures.scheme = segment_labels.scheme and measures.segment_id = segment_labels.segment_id
),

measured as (
  select
    per_segment.*,
    round(revenue / nullif(sum(revenue) over (partition by scheme), 0), 6) as revenue_share,
    round(cast(retained_customers as numeric) / nullif(retention_base, 0), 6) as retention_rate
  from per_segment
),

final as (
  select
    cast(:run_id as uuid) as run_id,
    cast(:as_of as date) as as_of,
    cast(:quarter as text) as quarter,
    cast(:quarter_start as date) as quarter_start,
    cast(:period_end as date) as period_end,
    cast(:is_partial as boolean) as is_partial,
    measured.scheme,
    measured.segment_id,
    measured.label as segment_label,
    measured.customers,
    measured.new_customers,
    measured.active_customers,
    measured.orders,
    round(measured.revenue, 2) as revenue,
    measured.revenue_share,
    round(measured.gross_revenue / nullif(measured.orders, 0), 2) as aov,
    round(cast(measured.orders as numeric) / nullif(measured.active_customers, 0), 4) as purchase_frequency,
    round(measured.clv_historical, 2) as clv_historical,
    round(measured.clv_predicted, 2) as clv_predicted,
    measured.retention_base,
    measured.retained_customers,
    measured.retention_rate,
    1 - measured.retention_rate as churn_rate,
    jsonb_strip_nulls(jsonb_build_object(
      'revenue_share', case when measured.revenue_share is null then 'no net revenue in ' || :quarter || ' across the scheme' end,
      'aov', case when measured.orders = 0 then 'no purchases in ' || :quarter end,
      'purchase_frequency', case when measured.active_customers = 0 then 'no purchases in ' || :quarter end,
      'clv_historical', case when measured.customers = 0 then 'the segment has no customers' end,
      'clv_predicted', case
        when measured.clv_predicted is not null then null
        when clv_model.fitted is null then 'the run fitted no CLV model'
        when not clv_model.fitted then 'no CLV model could be fitted: ' || coalesce(clv_model.reason, 'no reason recorded')
        else 'no predicted CLV for the segment''s customers'
      end,
      'retention_rate', case
        when measured.retention_base > 0 then null
        when not previous_quarter.has_orders then 'no orders in ' || previous_quarter.label || ', the quarter before'
        else 'no customer of the segment purchased in ' || previous_quarter.label
      end,
      'churn_rate', case
        when measured.retention_base > 0 then null
        when not previous_quarter.has_orders then 'no orders in ' || previous_quarter.label || ', the quarter before'
        else 'no customer of the segment purchased in ' || previous_quarter.label
      end
    )) as null_reasons
  from measured
  cross join previous_quarter
  left join clv_model on true
)

select * from final
