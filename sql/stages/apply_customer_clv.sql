-- grain: one row per customer per run; sets the predictive CLV columns from customer_clv
with source as (
  select * from customer_clv
),

final as (
  select * from source
)

update segflow.customer_features as features
set
  p_alive = final.p_alive,
  expected_purchases_365d = final.expected_purchases,
  expected_aov = final.expected_aov,
  clv_predicted_365d = final.clv
from final
where features.run_id = :run_id and features.customer_id = final.customer_id
