-- grain: one row per segment and feature of one scheme in one run
-- z = (segment mean - population mean) / population standard deviation, over customers with a value.
-- One pass over the members, column by column (per segment and for everyone, by grouping sets); only the
-- few aggregate rows are turned into feature rows. Unpivoting first made twelve rows of every customer.
with members as (
  select assigned.segment_id, features.*
  from segflow.customer_segments as assigned
  join segflow.customer_features as features
    on features.run_id = assigned.run_id and features.customer_id = assigned.customer_id
  where assigned.run_id = :run_id and assigned.scheme = :scheme
),

aggregated as (
  select
    segment_id,
    grouping(segment_id) = 1 as is_population,
    avg(cast(recency_days as double precision)) as recency_days_mean,
    stddev_samp(cast(recency_days as double precision)) as recency_days_sd,
    avg(cast(frequency as double precision)) as frequency_mean,
    stddev_samp(cast(frequency as double precision)) as frequency_sd,
    avg(cast(monetary as double precision)) as monetary_mean,
    stddev_samp(cast(monetary as double precision)) as monetary_sd,
    avg(cast(aov as double precision)) as aov_mean,
    stddev_samp(cast(aov as double precision)) as aov_sd,
    avg(cast(tenure_days as double precision)) as tenure_days_mean,
    stddev_samp(cast(tenure_days as double precision)) as tenure_days_sd,
    avg(cast(inter_purchase_days as double precision)) as inter_purchase_days_mean,
    stddev_samp(cast(inter_purchase_days as double precision)) as inter_purchase_days_sd,
    avg(cast(orders_90d as double precision)) as orders_90d_mean,
    stddev_samp(cast(orders_90d as double precision)) as orders_90d_sd,
    avg(cast(revenue_365d as double precision)) as revenue_365d_mean,
    stddev_samp(cast(revenue_365d as double precision)) as revenue_365d_sd,
    avg(cast(product_breadth as double precision)) as product_breadth_mean,
    stddev_samp(cast(product_breadth as double precision)) as product_breadth_sd,
    avg(cast(return_rate as double precision)) as return_rate_mean,
    stddev_samp(cast(return_rate as double precision)) as return_rate_sd,
    avg(cast(p_alive as double precision)) as p_alive_mean,
    stddev_samp(cast(p_alive as double precision)) as p_alive_sd,
    avg(cast(clv_predicted_365d as double precision)) as clv_predicted_365d_mean,
    stddev_samp(cast(clv_predicted_365d as double precision)) as clv_predicted_365d_sd
  from members
  group by grouping sets ((segment_id), ())
),

measured as (
  select aggregated.segment_id, aggregated.is_population, measure.feature, measure.mean, measure.sd
  from aggregated
  cross join lateral (values
    ('recency_days', recency_days_mean, recency_days_sd),
    ('frequency', frequency_mean, frequency_sd),
    ('monetary', monetary_mean, monetary_sd),
    ('aov', aov_mean, aov_sd),
    ('tenure_days', tenure_days_mean, tenure_days_sd),
    ('inter_purchase_days', inter_purchase_days_mean, inter_purchase_days_sd),
    ('orders_90d', orders_90d_mean, orders_90d_sd),
    ('revenue_365d', revenue_365d_mean, revenue_365d_sd),
    ('product_breadth', product_breadth_mean, product_breadth_sd),
    ('return_rate', return_rate_mean, return_rate_sd),
    ('p_alive', p_alive_mean, p_alive_sd),
    ('clv_predicted_365d', clv_predicted_365d_mean, clv_predicted_365d_sd)
  ) as measure (feature, mean, sd)
),

population as (
  select feature, mean, sd
  from measured
  where is_population
),

per_segment as (
  select segment_id, feature, mean
  from measured
  where not is_population
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
