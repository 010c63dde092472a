-- grain: one row per cleaning outcome (accepted or a reason code) over landed orders and order lines
with outcomes as (
  select coalesce(reason_code, 'accepted') as outcome from classified_orders
  union all
  select coalesce(reason_code, 'accepted') as outcome from classified_landed_lines
),

final as (
  select outcome, cast(count(*) as integer) as records
  from outcomes
  group by outcome
)

select * from final
