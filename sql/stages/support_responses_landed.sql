-- grain: one row per support response of the run's sources (newest landed version) that names an email
-- Times travel as text so they reach the pseudonymised copy unchanged.
with source_names as (
  select jsonb_array_elements_text(cast(:sources as jsonb)) as source
),

latest_responses as (
  select distinct on (responses.source, responses.source_object, responses.source_id) responses.*
  from raw.support_responses as responses
  inner join source_names using (source)
  order by responses.source, responses.source_object, responses.source_id, responses.extracted_at desc, responses.run_id
)

select source, source_object, source_id, email, kind, cast(score as text) as score, cast(opened_at as text) as opened_at
from latest_responses
where email is not null and opened_at is not null
order by source collate "C", source_object collate "C", source_id collate "C"
