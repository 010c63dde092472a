-- grain: one row per customer per run, scheme rfm
-- Scores are tie-aware quintiles: score = ceil(5 × share of customers at or below the value), so equal
-- values always share a score (heavy ties can leave a score unused). Recency is reversed (recent = 5);
-- customers with no purchase (returns only) score R = 1. A dimension given explicit cut points (a JSON
-- array of four increasing values, null otherwise) is scored by them instead, a value equal to a cut
-- point taking the better score: F and M = 1 + cut points at or below the value; R = 5 - cut points
-- below the value.
insert into segflow.customer_segments (run_id, scheme, customer_id, segment_id, score_cell)
with source as (
  select customer_id, recency_days, frequency, monetary
  from segflow.customer_features
  where run_id = :run_id
),

cut_points as (
  select
    array(select cast(cut as numeric) from jsonb_array_elements_text(cast(:recency_cuts as jsonb)) as cuts (cut)) as recency,
    array(select cast(cut as numeric) from jsonb_array_elements_text(cast(:frequency_cuts as jsonb)) as cuts (cut)) as frequency,
    array(select cast(cut as numeric) from jsonb_array_elements_text(cast(:monetary_cuts as jsonb)) as cuts (cut)) as monetary
),

scored as (
  select
    source.customer_id,
    case
      when source.recency_days is null then 1
      when cardinality(cut_points.recency) > 0
        then 5 - cast((select count(*) from unnest(cut_points.recency) as cuts (cut) where cut < source.recency_days) as integer)
      else 6 - cast(ceil(5 * cume_dist() over (partition by source.recency_days is null order by source.recency_days)) as integer)
    end as r_score,
    case
      when cardinality(cut_points.frequency) > 0
        then 1 + cast((select count(*) from unnest(cut_points.frequency) as cuts (cut) where cut <= source.frequency) as integer)
      else cast(ceil(5 * cume_dist() over (order by source.frequency)) as integer)
    end as f_score,
    case
      when cardinality(cut_points.monetary) > 0
        then 1 + cast((select count(*) from unnest(cut_points.monetary) as cuts (cut) where cut <= source.monetary) as integer)
      else cast(ceil(5 * cume_dist() over (order by source.monetary)) as integer)
    end as m_score
  from source
  cross join cut_points
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
