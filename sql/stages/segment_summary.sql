-- grain: one row per segment of one scheme per run (segments with no customers included, at zero)
insert into segflow.segments (
  run_id, scheme, segment_id, label, description, customers, customer_share, monetary, monetary_share, centroid
)
with labels as (
  select * from jsonb_to_recordset(cast(:labels as jsonb))
    as label(segment_id integer, label text, description text, centroid jsonb)
),

members as (
  select assigned.segment_id, features.monetary
  from segflow.customer_segments as assigned
  join segflow.customer_features as features
    on features.run_id = assigned.run_id and features.customer_id = assigned.customer_id
  where assigned.run_id = :run_id and assigned.scheme = :scheme
),

per_segment as (
  select segment_id, count(*) as customers, sum(monetary) as monetary
  from members
  group by segment_id
),

final as (
  select
    cast(:run_id as uuid) as run_id,
    cast(:scheme as text) as scheme,
    labels.segment_id,
    labels.label,
    labels.description,
    coalesce(per_segment.customers, 0) as customers,
    round(coalesce(per_segment.customers, 0) / greatest(sum(per_segment.customers) over (), 1), 6) as customer_share,
    coalesce(per_segment.monetary, 0) as monetary,
    round(coalesce(per_segment.monetary, 0) / nullif(sum(per_segment.monetary) over (), 0), 6) as monetary_share,
    labels.centroid
  from labels
  left join per_segment on per_segment.segment_id = labels.segment_id
)

select * from final
