-- grain: one row per person record of a marketing system (source, contact source id) that names exactly one customer of the run
-- A temporary table, analysed before use: the marketing system's own person record (Marketo lead, Pardot prospect) names
-- the contact of its events; an id that two objects of one source give to different customers is ambiguous and left out.
-- As a subquery its group-by-having estimate was a few hundred rows for tens of thousands, and the joins to marketing
-- events chose nested loops and merge joins quadratic in the events (minutes at 100k customers).
create temporary table marketing_contacts on commit drop as
with final as (
  select source, source_id as contact_source_id, min(customer_key) as customer_key
  from core.identity_members
  where run_id = :run_id and level = 'person' and member_kind in ('contact', 'lead')
  group by source, source_id
  having count(distinct customer_key) = 1
)

select * from final
