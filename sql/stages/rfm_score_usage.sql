-- grain: one row per RFM dimension and score actually given in one run
-- Customers with no purchase have no recency value; they still count in R (score 1).
with scored as (
  select
    cast(substr(assigned.score_cell, 1, 1) as integer) as r_score,
    cast(substr(assigned.score_cell, 2, 1) as integer) as f_score,
    cast(substr(assigned.score_cell, 3, 1) as integer) as m_score,
    features.recency_days,
    features.frequency,
    features.monetary
  from segflow.customer_segments as assigned
  join segflow.customer_features as features
    on features.run_id = assigned.run_id and features.customer_id = assigned.customer_id
  where assigned.run_id = :run_id and assigned.scheme = 'rfm'
),

measured as (
  select 'R' as dimension, r_score as score, cast(recency_days as double precision) as value from scored
  union all
  select 'F' as dimension, f_score as score, cast(frequency as double precision) as value from scored
  union all
  select 'M' as dimension, m_score as score, cast(monetary as double precision) as value from scored
),

final as (
  select dimension, score, count(*) as customers, min(value) as min_value, max(value) as max_value
  from measured
  group by dimension, score
)

select * from final order by dimension, score
