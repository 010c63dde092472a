-- grain: one row per customer per run, scheme rfm
-- Scores are tie-aware quintiles: score = ceil(5 × share of customers at or below the value), so equal
-- values always share a score (heavy ties can leave a score unused). Recency is reversed (recent = 5);
-- customers with no purchase (returns only) score R = 1.
insert into segflow.customer_segments (run_id, scheme, customer_id, segment_id, score_cell)
with source as (
  select customer_id, recency_days, frequency, monetary
  from segflow.customer_features
  where run_id = :run_id
),

scored as (
  select
    customer_id,
    case
      when recency_days is null then 1
      else 6 - cast(ceil(5 * cume_dist() over (partition by recency_days is null order by recency_days)) as integer)
    end as r_score,
    cast(ceil(5 * cume_dist() over (order by frequency)) as integer) as f_score,
    cast(ceil(5 * cume_dist() over (order by monetary)) as integer) as m_score
  from source
),

cells as (
  select * from jsonb_to_recordset(cast(:cells as jsonb)) as cell(r integer, f integer, m integer, segment_id integer)
),

final as (
  select
    cast(:run_id as uuid) as run_id,
    'rfm' as scheme,
    scored.customer_id,
    cells.segment_id,
    concat(scored.r_score, scored.f_score, scored.m_score) as score_cell
  from scored
  join cells on cells.r = scored.r_score and cells.f = scored.f_score and cells.m = scored.m_score
)

select * from final
