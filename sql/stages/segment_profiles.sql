-- grain: one row per segment and feature of one scheme in one run
-- z = (segment mean - population mean) / population standard deviation, over customers with a value.
with members as (
  select assigned.segment_id, features.*
  from segflow.customer_segments as assigned
  join segflow.customer_features as features
    on features.run_id = assigned.run_id and features.customer_id = assigned.customer_id
  where assigned.run_id = :run_id and assigned.scheme = :scheme
),

measured as (
  select members.segment_id, measure.feature, measure.value
  from members
  cross join lateral (values
    ('recency_days', cast(members.recency_days as double precision)),
    ('frequency', cast(members.frequency as double precision)),
    ('monetary', cast(members.monetary as double precision)),
    ('aov', cast(members.aov as double precision)),
    ('tenure_days', cast(members.tenure_days as double precision)),
    ('inter_purchase_days', cast(members.inter_purchase_days as double precision)),
    ('orders_90d', cast(members.orders_90d as double precision)),
    ('revenue_365d', cast(members.revenue_365d as double precision)),
    ('product_breadth', cast(members.product_breadth as double precision)),
    ('return_rate', cast(members.return_rate as double precision)),
    ('p_alive', cast(members.p_alive as double precision)),
    ('clv_predicted_365d', cast(members.clv_predicted_365d as double precision))
  ) as measure (feature, value)
),

population as (
  select feature, avg(value) as mean, stddev_samp(value) as sd
  from measured
  group by feature
),

per_segment as (
  select segment_id, feature, avg(value) as mean
  from measured
  group by segment_id, feature
),

final as (
  select
    per_segment.segment_id,
    per_segment.feature,
    per_segment.mean as segment_mean,
    population.mean as population_mean,
    case when population.sd > 0 then (per_segment.mean - population.mean) / population.sd end as z
  from per_segment
  join population on population.feature = per_segment.feature
)

select * from final order by segment_id, feature
