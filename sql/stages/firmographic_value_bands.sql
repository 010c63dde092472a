-- grain: one row per value band of the firmographic scheme in one run (segment ids 1-9 are tier x band, high first)
-- The net revenue each band actually spans, recorded with the model.
with members as (
  select (assigned.segment_id - 1) % 3 as band_offset, features.monetary
  from segflow.customer_segments as assigned
  join segflow.customer_features as features
    on features.run_id = assigned.run_id and features.customer_id = assigned.customer_id
  where assigned.run_id = :run_id and assigned.scheme = 'firmographic'
),

final as (
  select
    case band_offset when 0 then 'high' when 1 then 'mid' else 'low' end as value_band,
    count(*) as customers,
    min(monetary) as min_monetary,
    max(monetary) as max_monetary
  from members
  group by band_offset
)

select * from final order by min_monetary desc
