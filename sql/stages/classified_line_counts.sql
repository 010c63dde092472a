-- grain: one row per outcome (accepted or a reason code) of the run's classified lines
with final as (
  select coalesce(reason_code, 'accepted') as outcome, count(*) as lines
  from classified_lines
  group by 1
)

select * from final order by outcome
