-- grain: one update per firmographic segment of one run (adds its industry mix to the persona card)
-- Industry is shown, not segmented on: the three largest industries of each segment with their share.
with members as (
  select assigned.segment_id, coalesce(features.industry, 'unknown') as industry
  from segflow.customer_segments as assigned
  join segflow.customer_features as features
    on features.run_id = assigned.run_id and features.customer_id = assigned.customer_id
  where assigned.run_id = :run_id and assigned.scheme = 'firmographic'
),

per_industry as (
  select
    segment_id,
    industry,
    count(*) as customers,
    round(count(*) / cast(sum(count(*)) over (partition by segment_id) as numeric), 4) as share,
    row_number() over (partition by segment_id order by count(*) desc, industry collate "C") as industry_rank
  from members
  group by segment_id, industry
),

final as (
  select
    segment_id,
    jsonb_agg(jsonb_build_object('industry', industry, 'customers', customers, 'share', share) order by industry_rank) as industries
  from per_industry
  where industry_rank <= 3
  group by segment_id
)

update segflow.segments as segment
set persona = coalesce(segment.persona, cast('{}' as jsonb)) || jsonb_build_object('topIndustries', final.industries)
from final
where segment.run_id = :run_id
  and segment.scheme = 'firmographic'
  and segment.segment_id = final.segment_id
