-- grain: one row per landed order or order line that breaks a cleaning rule, per run
insert into raw.rejects (run_id, stage, source, source_object, position, reason_code, detail, original)
with rejected as (
  select source, source_object, source_id, position, reason_code, cast(record as text) as original
  from classified_orders
  where reason_code is not null
  union all
  select source, source_object, source_id, position, reason_code, cast(record as text) as original
  from classified_landed_lines
  where reason_code is not null
),

final as (
  select cast(:run_id as uuid) as run_id, 'clean' as stage, source, source_object, source_id as position, reason_code,
    'at ' || coalesce(position, source_id) as detail, original
  from rejected
)

select * from final
