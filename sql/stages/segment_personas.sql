-- grain: one row per segment of one scheme per run (sets the persona card of rows already written)
update segflow.segments as segment
set persona = card.persona
from jsonb_to_recordset(cast(:cards as jsonb)) as card (segment_id integer, persona jsonb)
where segment.run_id = :run_id
  and segment.scheme = :scheme
  and segment.segment_id = card.segment_id
