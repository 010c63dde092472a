-- grain: one row per valued customer per run; sets the predictive CLV columns from every value partition at once
with source as (
  select * from core.clv_values where run_id = :run_id
),

final as (
  select * from source
)

update segflow.customer_features as features
set
  p_alive = final.p_alive,
  expected_purchases_365d = final.expected_purchases_365d,
  expected_aov = final.expected_aov,
  clv_predicted_365d = final.clv_predicted_365d
from final
where features.run_id = :run_id and features.customer_id = final.customer_id
