-- grain: one update per KPI snapshot row of the run: CSAT and NPS answers given in the period
-- Newest landed version of each response of the run's sources; survey_response_customers (temporary) says whose it is.
-- The all-customers row counts every answer of the period, whether or not it reached a customer.
with period as (
  select cast(:quarter_start as date) as period_start, cast(:period_end as date) as period_end
),

source_names as (
  select jsonb_array_elements_text(cast(:sources as jsonb)) as source
),

latest_responses as (
  select distinct on (responses.source, responses.source_object, responses.source_id) responses.*
  from raw.support_responses as responses
  inner join source_names using (source)
  order by responses.source, responses.source_object, responses.source_id, responses.extracted_at desc, responses.run_id
),

answers as (
  select latest_responses.kind, latest_responses.score, customers.customer_key
  from latest_responses
  cross join period
  left join survey_response_customers as customers
    on customers.source = latest_responses.source and customers.source_object = latest_responses.source_object
    and customers.source_id = latest_responses.source_id
  where latest_responses.kind in ('csat', 'nps') and latest_responses.score is not null
    and cast(latest_responses.opened_at as date) between period.period_start and period.period_end
),

survey_data as (
  select exists (select 1 from latest_responses where kind in ('csat', 'nps')) as landed
),

segment_answers as (
  select members.scheme, members.segment_id, answers.kind, answers.score
  from segflow.customer_segments as members
  inner join answers on answers.customer_key = members.customer_id
  where members.run_id = :run_id
  union all
  select 'all', 0, kind, score
  from answers
),

per_segment as (
  select
    scheme,
    segment_id,
    count(*) as responses,
    avg(score) filter (where kind = 'csat') as csat,
    count(*) filter (where kind = 'nps') as nps_answers,
    count(*) filter (where kind = 'nps' and score >= 9) as promoters,
    count(*) filter (where kind = 'nps' and score <= 6) as detractors
  from segment_answers
  group by scheme, segment_id
),

measured as (
  select
    snapshots.scheme,
    snapshots.segment_id,
    survey_data.landed,
    case when survey_data.landed then coalesce(per_segment.responses, 0) end as responses,
    per_segment.csat,
    100.0 * (per_segment.promoters - per_segment.detractors) / nullif(per_segment.nps_answers, 0) as nps
  from segflow.kpi_snapshots as snapshots
  cross join survey_data
  left join per_segment on per_segment.scheme = snapshots.scheme and per_segment.segment_id = snapshots.segment_id
  where snapshots.run_id = :run_id
),

final as (
  select
    scheme,
    segment_id,
    responses as survey_responses,
    round(csat, 2) as csat,
    round(nps, 2) as nps,
    jsonb_strip_nulls(jsonb_build_object(
      'survey_responses', case when not landed then 'no CSAT or NPS answers landed for the run''s sources' end,
      'csat', case
        when not landed then 'no CSAT or NPS answers landed for the run''s sources'
        when csat is null then 'no CSAT answers from the segment''s customers in ' || :quarter
      end,
      'nps', case
        when not landed then 'no CSAT or NPS answers landed for the run''s sources'
        when nps is null then 'no NPS answers from the segment''s customers in ' || :quarter
      end
    )) as null_reasons
  from measured
)

update segflow.kpi_snapshots as snapshots
set
  survey_responses = final.survey_responses,
  csat = final.csat,
  nps = final.nps,
  null_reasons = snapshots.null_reasons || final.null_reasons
from final
where snapshots.run_id = :run_id and snapshots.scheme = final.scheme and snapshots.segment_id = final.segment_id
