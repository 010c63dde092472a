-- grain: one update per KPI snapshot row of the run: leads (all-customers row only) and opportunities closed in the period
-- Newest landed version of each lead and opportunity of the run's sources, as the identity and feature stages read them.
with period as (
  select cast(:quarter_start as date) as period_start, cast(:period_end as date) as period_end
),

source_names as (
  select jsonb_array_elements_text(cast(:sources as jsonb)) as source
),

latest_leads as (
  select distinct on (leads.source, leads.source_object, leads.source_id) leads.*
  from raw.leads as leads
  inner join source_names using (source)
  order by leads.source, leads.source_object, leads.source_id, leads.extracted_at desc, leads.run_id
),

latest_opportunities as (
  select distinct on (opportunities.source, opportunities.source_object, opportunities.source_id) opportunities.*
  from raw.opportunities as opportunities
  inner join source_names using (source)
  order by opportunities.source, opportunities.source_object, opportunities.source_id, opportunities.extracted_at desc, opportunities.run_id
),

-- A lead converts when its resolved customer buys after the lead was created and by the period end.
period_leads as (
  select
    exists (
      select 1 from core.orders
      where orders.run_id = :run_id and orders.customer_id = members.customer_key and not orders.is_return
        and orders.order_date between cast(latest_leads.created_at_source as date) and period.period_end
    ) as converted
  from latest_leads
  cross join period
  left join core.identity_members as members
    on members.run_id = :run_id and members.level = 'person' and members.source = latest_leads.source
    and members.source_object = latest_leads.source_object and members.source_id = latest_leads.source_id
  where cast(latest_leads.created_at_source as date) between period.period_start and period.period_end
),

lead_totals as (
  select
    (select count(*) from latest_leads) > 0 as landed,
    (select count(*) from period_leads) as leads,
    (select count(*) from period_leads where converted) as converted_leads
),

-- An id that reaches two customers within its source is ambiguous and not used.
accounts as (
  select source, source_id, min(customer_key) as customer_key
  from core.identity_members
  where run_id = :run_id and level = 'account' and member_kind = 'account'
  group by source, source_id
  having count(distinct customer_key) = 1
),

contacts as (
  select source, source_id, min(customer_key) as customer_key
  from core.identity_members
  where run_id = :run_id and level = 'person' and member_kind = 'contact'
  group by source, source_id
  having count(distinct customer_key) = 1
),

closed_opportunities as (
  select coalesce(accounts.customer_key, contacts.customer_key) as customer_key, coalesce(latest_opportunities.is_won, false) as won
  from latest_opportunities
  cross join period
  left join accounts on accounts.source = latest_opportunities.source and accounts.source_id = trim(latest_opportunities.account_source_id)
  left join contacts on contacts.source = latest_opportunities.source and contacts.source_id = trim(latest_opportunities.contact_source_id)
  where latest_opportunities.is_closed and latest_opportunities.close_date between period.period_start and period.period_end
),

per_segment_opportunities as (
  select members.scheme, members.segment_id, count(*) as closed, count(*) filter (where closed_opportunities.won) as won
  from segflow.customer_segments as members
  inner join closed_opportunities on closed_opportunities.customer_key = members.customer_id
  where members.run_id = :run_id
  group by members.scheme, members.segment_id
  union all
  select 'all', 0, count(*), count(*) filter (where won)
  from closed_opportunities
),

opportunity_data as (
  select (select count(*) from latest_opportunities) > 0 as landed
),

measured as (
  select
    snapshots.scheme,
    snapshots.segment_id,
    case when snapshots.scheme = 'all' and lead_totals.landed then lead_totals.leads end as leads,
    case when snapshots.scheme = 'all' and lead_totals.landed then lead_totals.converted_leads end as converted_leads,
    case when opportunity_data.landed then coalesce(per_segment_opportunities.closed, 0) end as closed,
    case when opportunity_data.landed then coalesce(per_segment_opportunities.won, 0) end as won,
    lead_totals.landed as leads_landed,
    opportunity_data.landed as opportunities_landed
  from segflow.kpi_snapshots as snapshots
  cross join lead_totals
  cross join opportunity_data
  left join per_segment_opportunities
    on per_segment_opportunities.scheme = snapshots.scheme and per_segment_opportunities.segment_id = snapshots.segment_id
  where snapshots.run_id = :run_id
),

final as (
  select
    scheme,
    segment_id,
    leads,
    converted_leads,
    round(cast(converted_leads as numeric) / nullif(leads, 0), 6) as lead_conversion_rate,
    closed as opportunities_closed,
    won as opportunities_won,
    round(cast(won as numeric) / nullif(closed, 0), 6) as win_rate,
    jsonb_strip_nulls(jsonb_build_object(
      'leads', case
        when scheme <> 'all' then 'a lead has no segment; see the all-customers row'
        when not leads_landed then 'no leads landed for the run''s sources'
      end,
      'converted_leads', case
        when scheme <> 'all' then 'a lead has no segment; see the all-customers row'
        when not leads_landed then 'no leads landed for the run''s sources'
      end,
      'lead_conversion_rate', case
        when scheme <> 'all' then 'a lead has no segment; see the all-customers row'
        when not leads_landed then 'no leads landed for the run''s sources'
        when leads = 0 then 'no leads created in ' || :quarter
      end,
      'opportunities_closed', case when not opportunities_landed then 'no opportunities landed for the run''s sources' end,
      'opportunities_won', case when not opportunities_landed then 'no opportunities landed for the run''s sources' end,
      'win_rate', case
        when not opportunities_landed then 'no opportunities landed for the run''s sources'
        when closed = 0 then 'no opportunity of the segment''s customers closed in ' || :quarter
      end
    )) as null_reasons
  from measured
)

update segflow.kpi_snapshots as snapshots
set
  leads = final.leads,
  converted_leads = final.converted_leads,
  lead_conversion_rate = final.lead_conversion_rate,
  opportunities_closed = final.opportunities_closed,
  opportunities_won = final.opportunities_won,
  win_rate = final.win_rate,
  null_reasons = snapshots.null_reasons || final.null_reasons
from final
where snapshots.run_id = :run_id and snapshots.scheme = final.scheme and snapshots.segment_id = final.segment_id
