-- grain: one row per pair of segment ids (previous run, this run) of one scheme, over the customers both runs assigned
with current_segments as (
  select customer_id, segment_id
  from segflow.customer_segments
  where run_id = :run_id and scheme = :scheme
),

previous_segments as (
  select customer_id, segment_id
  from segflow.customer_segments
  where run_id = :previous_run_id and scheme = :scheme
),

final as (
  select
    previous_segments.segment_id as segment_before,
    current_segments.segment_id as segment_now,
    count(*) as customers
  from current_segments
  inner join previous_segments using (customer_id)
  group by previous_segments.segment_id, current_segments.segment_id
)

select * from final
order by segment_before, segment_now
