-- KPI catalogue and the full per-segment quarterly snapshot: every KPI with its formula, a reason
-- wherever a KPI is null because its inputs are missing, and marketing ROI per campaign.

create table segflow.kpi_definitions (
  kpi text primary key,
  label text not null,
  unit text not null check (unit in ('count', 'currency', 'ratio', 'number', 'score')),
  formula text not null,
  needs text[] not null,
  higher_is_better boolean,
  is_key boolean not null default false,
  display_order integer not null unique
);
comment on table segflow.kpi_definitions is 'The KPI catalogue: one row per KPI column of segflow.kpi_snapshots, with its formula and the inputs it needs.';
comment on column segflow.kpi_definitions.kpi is 'KPI name; the column of the same name in segflow.kpi_snapshots holds its value.';
comment on column segflow.kpi_definitions.label is 'Name shown in reports.';
comment on column segflow.kpi_definitions.unit is 'count, currency (amounts as landed: segflow keeps no exchange rates), ratio (0..1), number (e.g. orders per customer) or score (survey scale).';
comment on column segflow.kpi_definitions.formula is 'How the KPI is computed, in words and symbols.';
comment on column segflow.kpi_definitions.needs is 'Input tables the KPI needs; when none of their rows reach the quarter the KPI is null with a reason.';
comment on column segflow.kpi_definitions.higher_is_better is 'Direction of improvement; null when neither direction is better (e.g. customers).';
comment on column segflow.kpi_definitions.is_key is 'Key KPIs are the ones whose fall flags a segment as underperforming in the quarter comparison.';
comment on column segflow.kpi_definitions.display_order is 'Order in reports and in the quarter comparison.';

insert into segflow.kpi_definitions (kpi, label, unit, formula, needs, higher_is_better, is_key, display_order) values
  ('customers', 'Customers', 'count',
   'Customers the run assigned to the segment; on the all-customers row, every customer of the run.',
   '{segflow.customer_segments}', null, false, 1),
  ('new_customers', 'New customers', 'count',
   'Customers whose first purchase (not a return) falls in the period.',
   '{core.orders}', true, false, 2),
  ('active_customers', 'Active customers', 'count',
   'Customers with a purchase (not a return) in the period.',
   '{core.orders}', true, true, 3),
  ('orders', 'Orders', 'count',
   'Purchase invoices in the period (returns excluded).',
   '{core.orders}', true, false, 4),
  ('revenue', 'Revenue', 'currency',
   'Net revenue in the period: purchases minus returns, summed as landed (no currency conversion).',
   '{core.orders}', true, true, 5),
  ('revenue_share', 'Revenue share', 'ratio',
   'revenue / revenue of all segments of the scheme in the period.',
   '{core.orders}', null, false, 6),
  ('aov', 'Average order value', 'currency',
   'Gross purchase revenue / orders in the period.',
   '{core.orders}', true, true, 7),
  ('purchase_frequency', 'Purchase frequency', 'number',
   'orders / active_customers in the period.',
   '{core.orders}', true, false, 8),
  ('clv_historical', 'Historical CLV', 'currency',
   'Mean net revenue to date (customer_features.monetary) of the customers.',
   '{segflow.customer_features}', true, false, 9),
  ('clv_predicted', 'Predicted CLV (365 days)', 'currency',
   'Mean predicted 365-day CLV (BG/NBD and Gamma-Gamma, customer_features.clv_predicted_365d) of the customers.',
   '{segflow.customer_features,segflow.clv_models}', true, false, 10),
  ('retention_base', 'Retention base', 'count',
   'Customers with a purchase in the previous calendar quarter (the whole quarter).',
   '{core.orders}', null, false, 11),
  ('retained_customers', 'Retained customers', 'count',
   'Of retention_base, customers with a purchase in the period.',
   '{core.orders}', true, false, 12),
  ('retention_rate', 'Retention rate', 'ratio',
   'retained_customers / retention_base.',
   '{core.orders}', true, true, 13),
  ('churn_rate', 'Churn rate', 'ratio',
   '1 - retention_rate.',
   '{core.orders}', false, false, 14),
  ('leads', 'Leads', 'count',
   'Leads created in the period; all-customers row only (a lead has no segment).',
   '{raw.leads}', true, false, 15),
  ('converted_leads', 'Converted leads', 'count',
   'Of those leads, the ones whose resolved customer (the person, or the account they work for) made a purchase between the lead''s creation and the period end.',
   '{raw.leads,core.identity_members,core.orders}', true, false, 16),
  ('lead_conversion_rate', 'Lead conversion rate', 'ratio',
   'converted_leads / leads; all-customers row only.',
   '{raw.leads,core.identity_members,core.orders}', true, false, 17),
  ('opportunities_closed', 'Opportunities closed', 'count',
   'Opportunities closed (won or lost) in the period, reaching a customer through their account, else their contact; the all-customers row counts every one.',
   '{raw.opportunities,core.identity_members}', null, false, 18),
  ('opportunities_won', 'Opportunities won', 'count',
   'Of the opportunities closed in the period, the ones won.',
   '{raw.opportunities,core.identity_members}', true, false, 19),
  ('win_rate', 'Win rate', 'ratio',
   'opportunities_won / opportunities_closed.',
   '{raw.opportunities,core.identity_members}', true, false, 20),
  ('marketing_spend', 'Marketing spend', 'currency',
   'Spend of the period: each spend row overlapping the period counts amount × (days of overlap / days of the row). '
   'The all-customers row holds the whole of it. A campaign''s spend goes to the customers its marketing events (sends, opens, clicks, form fills, unsubscribes) '
   'reached in the period, split evenly among them (resolved customers, with or without a purchase); spend of campaigns nobody was reached by, '
   'spend without a campaign, and the shares of customers in no segment stay on the all-customers row only. '
   'Amounts are summed as landed; a period whose spend comes in several currencies gets no spend KPIs (segflow keeps no exchange rates).',
   '{raw.marketing_spend,raw.marketing_events,core.identity_members}', null, false, 21),
  ('cac', 'Customer acquisition cost', 'currency',
   'marketing_spend / new_customers.',
   '{raw.marketing_spend,raw.marketing_events,core.identity_members,core.orders}', false, false, 22),
  ('roi', 'Marketing ROI', 'ratio',
   '(revenue - marketing_spend) / marketing_spend.',
   '{raw.marketing_spend,raw.marketing_events,core.identity_members,core.orders}', true, false, 23),
  ('survey_responses', 'Survey responses', 'count',
   'CSAT and NPS answers (with a score) given in the period by the customers; the all-customers row counts every answer, matched to a customer or not.',
   '{raw.support_responses,core.identity_records}', null, false, 24),
  ('csat', 'CSAT', 'score',
   'Mean CSAT score (1-5) of the period''s answers.',
   '{raw.support_responses,core.identity_records}', true, false, 25),
  ('nps', 'NPS', 'score',
   'Net Promoter Score of the period''s NPS answers: 100 × (promoters (9-10) - detractors (0-6)) / answers.',
   '{raw.support_responses,core.identity_records}', true, false, 26);

alter table segflow.kpi_snapshots
  add column new_customers integer,
  add column purchase_frequency numeric(12, 4),
  add column clv_historical numeric(16, 2),
  add column clv_predicted numeric(16, 2),
  add column leads integer,
  add column converted_leads integer,
  add column lead_conversion_rate numeric(10, 6),
  add column opportunities_closed integer,
  add column opportunities_won integer,
  add column win_rate numeric(10, 6),
  add column retention_base integer,
  add column retained_customers integer,
  add column retention_rate numeric(10, 6),
  add column churn_rate numeric(10, 6),
  add column marketing_spend numeric(16, 2),
  add column cac numeric(16, 2),
  add column roi numeric(14, 6),
  add column survey_responses integer,
  add column csat numeric(6, 2),
  add column nps numeric(6, 2),
  add column null_reasons jsonb not null default '{}';

comment on table segflow.kpi_snapshots is 'One row per segment per scheme for the quarter ending at the run''s as-of date, plus one row for all customers (scheme all, segment 0). Publishing a run deletes the rows of the published runs of the same quarter it supersedes; every formula is in segflow.kpi_definitions.';
comment on column segflow.kpi_snapshots.scheme is 'rfm, kmeans, firmographic, or all (one row, segment 0, for every customer of the run).';
comment on column segflow.kpi_snapshots.segment_id is 'Segment within the scheme; 0 on the all-customers row.';
comment on column segflow.kpi_snapshots.segment_label is 'Segment label at the time of the run; All customers on the all-customers row.';
comment on column segflow.kpi_snapshots.new_customers is 'Customers of the segment whose first purchase falls in the period.';
comment on column segflow.kpi_snapshots.purchase_frequency is 'orders / active_customers in the period; null without active customers.';
comment on column segflow.kpi_snapshots.clv_historical is 'Mean net revenue to date (customer_features.monetary) of the segment''s customers.';
comment on column segflow.kpi_snapshots.clv_predicted is 'Mean predicted 365-day CLV (customer_features.clv_predicted_365d); null when the run fitted no CLV model.';
comment on column segflow.kpi_snapshots.leads is 'Leads created in the period (all-customers row only: a lead has no segment before it converts).';
comment on column segflow.kpi_snapshots.converted_leads is 'Of those leads, the ones whose person or account made a purchase between the lead''s creation and the period end.';
comment on column segflow.kpi_snapshots.lead_conversion_rate is 'converted_leads / leads; null without leads, with a reason.';
comment on column segflow.kpi_snapshots.opportunities_closed is 'Opportunities of the segment''s accounts (else contacts) closed (won or lost) in the period; every closed opportunity on the all-customers row.';
comment on column segflow.kpi_snapshots.opportunities_won is 'Of those, the ones won.';
comment on column segflow.kpi_snapshots.win_rate is 'opportunities_won / opportunities_closed; null without closed opportunities, with a reason.';
comment on column segflow.kpi_snapshots.retention_base is 'Customers of the segment active (a purchase) in the previous calendar quarter.';
comment on column segflow.kpi_snapshots.retained_customers is 'Of retention_base, customers also active in this period.';
comment on column segflow.kpi_snapshots.retention_rate is 'retained_customers / retention_base; null when retention_base is 0, with a reason.';
comment on column segflow.kpi_snapshots.churn_rate is '1 - retention_rate.';
comment on column segflow.kpi_snapshots.marketing_spend is 'Marketing spend of the period attributed to the segment (the whole spend on the all-customers row; the attribution rule is in kpi_definitions); null without spend data.';
comment on column segflow.kpi_snapshots.cac is 'marketing_spend / new_customers; null without spend data, attributed spend or new customers, with a reason.';
comment on column segflow.kpi_snapshots.roi is '(revenue - marketing_spend) / marketing_spend; null without spend data or attributed spend, with a reason.';
comment on column segflow.kpi_snapshots.survey_responses is 'CSAT and NPS answers from the segment''s customers in the period (every answer on the all-customers row).';
comment on column segflow.kpi_snapshots.csat is 'Mean CSAT score of the period''s answers; null without CSAT answers, with a reason.';
comment on column segflow.kpi_snapshots.nps is 'Net Promoter Score: % promoters (9-10) minus % detractors (0-6) of the period''s NPS answers; null without answers.';
comment on column segflow.kpi_snapshots.null_reasons is 'For each KPI that is null: why (e.g. {"cac": "no marketing spend landed for 2011-Q3"}).';

create table segflow.campaign_kpis (
  run_id uuid not null,
  quarter text not null,
  campaign text not null,
  channel text,
  spend numeric(16, 2),
  touched_customers integer,
  new_customers integer,
  attributed_revenue numeric(16, 2),
  roi numeric(14, 6),
  null_reasons jsonb not null default '{}',
  primary key (run_id, campaign)
);
comment on table segflow.campaign_kpis is 'Marketing ROI per campaign for the quarter ending at the run''s as-of date: one row per campaign with spend or marketing events in the period (campaigns matched by name, case and surrounding spaces ignored). Spend without a campaign is only in kpi_snapshots (all-customers row). Publishing a run deletes the rows of the published runs of the same quarter it supersedes.';
comment on column segflow.campaign_kpis.run_id is 'Run that computed the row.';
comment on column segflow.campaign_kpis.quarter is 'Calendar quarter, e.g. 2011-Q4 (the period ends at the run''s as-of date when that is earlier).';
comment on column segflow.campaign_kpis.campaign is 'Campaign name as its spend rows (else its marketing events) spell it.';
comment on column segflow.campaign_kpis.channel is 'Channel of the campaign''s spend rows (else of its events); several joined by a comma.';
comment on column segflow.campaign_kpis.spend is 'Spend of the period: amount × (days of overlap / days of the row) of each spend row overlapping it, as landed; null when none landed for the campaign.';
comment on column segflow.campaign_kpis.touched_customers is 'Resolved customers (with or without a purchase) reached by a send, open, click, form fill or unsubscribe of the campaign in the period; null when no marketing events landed.';
comment on column segflow.campaign_kpis.new_customers is 'Of the touched customers, those whose first purchase falls in the period.';
comment on column segflow.campaign_kpis.attributed_revenue is 'Net revenue of the period of the touched customers, each customer''s revenue split evenly across the campaigns that touched them in the period.';
comment on column segflow.campaign_kpis.roi is '(attributed_revenue - spend) / spend; null without spend or touches data, with a reason.';
comment on column segflow.campaign_kpis.null_reasons is 'For each null column: why.';

-- A view's column list is fixed when it is created: recreate it so it shows the columns added here.
create or replace view segflow.published_kpi_snapshots as
  with latest_per_quarter as (
    select distinct on (k.quarter) k.quarter, k.run_id
    from segflow.kpi_snapshots k
    join segflow.published_runs r on r.run_id = k.run_id
    order by k.quarter, k.as_of desc, r.published_at desc
  )
  select k.* from segflow.kpi_snapshots k join latest_per_quarter l on l.run_id = k.run_id;
comment on view segflow.published_kpi_snapshots is 'KPI snapshots of the latest published run of each quarter (latest as-of date, then latest publish).';

create view segflow.published_campaign_kpis as
  with latest_per_quarter as (
    select distinct on (k.quarter) k.quarter, k.run_id
    from segflow.kpi_snapshots k
    join segflow.published_runs r on r.run_id = k.run_id
    order by k.quarter, k.as_of desc, r.published_at desc
  )
  select c.* from segflow.campaign_kpis c join latest_per_quarter l on l.run_id = c.run_id;
comment on view segflow.published_campaign_kpis is 'Campaign ROI of the run each quarter shows in published_kpi_snapshots.';
comment on column segflow.published_campaign_kpis.run_id is 'Run that computed the row.';
comment on column segflow.published_campaign_kpis.quarter is 'Calendar quarter, e.g. 2011-Q4 (the period ends at the run''s as-of date when that is earlier).';
comment on column segflow.published_campaign_kpis.campaign is 'Campaign name as its spend rows (else its marketing events) spell it.';
comment on column segflow.published_campaign_kpis.channel is 'Channel of the campaign''s spend rows (else of its events); several joined by a comma.';
comment on column segflow.published_campaign_kpis.spend is 'Spend of the period: amount × (days of overlap / days of the row) of each spend row overlapping it, as landed; null when none landed for the campaign.';
comment on column segflow.published_campaign_kpis.touched_customers is 'Resolved customers (with or without a purchase) reached by a send, open, click, form fill or unsubscribe of the campaign in the period; null when no marketing events landed.';
comment on column segflow.published_campaign_kpis.new_customers is 'Of the touched customers, those whose first purchase falls in the period.';
comment on column segflow.published_campaign_kpis.attributed_revenue is 'Net revenue of the period of the touched customers, each customer''s revenue split evenly across the campaigns that touched them in the period.';
comment on column segflow.published_campaign_kpis.roi is '(attributed_revenue - spend) / spend; null without spend or touches data, with a reason.';
comment on column segflow.published_campaign_kpis.null_reasons is 'For each null column: why.';
