-- grain: one row per rejected source line per run
insert into raw.rejects (run_id, stage, source, line_no, position, reason_code, detail)
with source as (
  select * from classified_lines where reason_code is not null
),

final as (
  select run_id, 'clean' as stage, 'online-retail' as source, line_no, cast(line_no as text) as position, reason_code, detail
  from source
)

select * from final
