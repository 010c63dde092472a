-- The quarterly review: each KPI against the previous quarter with an underperforming flag,
-- merge/split suggestions for segments, and how customers moved between segments.

create view segflow.published_quarters as
  with winners as (
    select distinct quarter, run_id, as_of, quarter_start, period_end, is_partial
    from segflow.published_kpi_snapshots
  )
  select
    quarter,
    run_id,
    as_of,
    quarter_start,
    period_end,
    is_partial,
    to_char(quarter_start - interval '3 months', 'YYYY-"Q"Q') as previous_quarter
  from winners;
comment on view segflow.published_quarters is 'One row per quarter with a published run: the run segflow.published_kpi_snapshots shows for it (latest as-of date, then latest publish).';
comment on column segflow.published_quarters.quarter is 'Calendar quarter, e.g. 2011-Q2.';
comment on column segflow.published_quarters.run_id is 'The quarter''s winning published run.';
comment on column segflow.published_quarters.as_of is 'As-of date of that run.';
comment on column segflow.published_quarters.quarter_start is 'First day of the quarter.';
comment on column segflow.published_quarters.period_end is 'Last day the run counted: its as-of date or the quarter end.';
comment on column segflow.published_quarters.is_partial is 'True when the run stops before the quarter end.';
comment on column segflow.published_quarters.previous_quarter is 'The calendar quarter just before (2011-Q1 for 2011-Q2), whether or not it has a published run.';

create table segflow.review_thresholds (
  kpi text primary key references segflow.kpi_definitions (kpi),
  max_drop_pct numeric(12, 6) not null check (max_drop_pct >= 0),
  basis text not null check (basis in ('relative', 'absolute')),
  skip_when_partial boolean not null
);
comment on table segflow.review_thresholds is 'How far a key KPI may move in its bad direction from one quarter to the next before segflow.kpi_quarter_comparison flags the segment as underperforming. Seeded by the migration; edit freely. A threshold on a KPI that is not is_key in segflow.kpi_definitions has no effect until the KPI is made key; a key KPI without a row here is never flagged.';
comment on column segflow.review_thresholds.kpi is 'KPI name, as in segflow.kpi_definitions.';
comment on column segflow.review_thresholds.max_drop_pct is 'Largest tolerated move in the bad direction (a fall when higher is better, a rise when lower is better). basis relative: a fraction of the previous value (0.10 = 10 %). basis absolute: in the KPI''s own unit (0.05 on a ratio = 5 percentage points, 5 on NPS = 5 points). Flagged when the move is strictly larger.';
comment on column segflow.review_thresholds.basis is 'relative (move / |previous value|; never flags when the previous value is 0) or absolute (move in the KPI''s unit). Seeded relative for counts, currency and ROI, absolute for ratios, CSAT and NPS.';
comment on column segflow.review_thresholds.skip_when_partial is 'True for KPIs that grow with the length of the period (totals such as revenue, orders, active customers, and rates over the period such as retention): they are not flagged when either quarter is partial, because an unfinished quarter would look like a fall. KPIs independent of the period length (AOV, shares, conversion and win rates, CAC, ROI, CSAT, NPS, CLV) are flagged in partial quarters too.';

insert into segflow.review_thresholds (kpi, max_drop_pct, basis, skip_when_partial)
select
  definitions.kpi,
  coalesce(overrides.max_drop_pct, case when definitions.unit = 'ratio' then 0.05 else 0.10 end),
  coalesce(overrides.basis, case when definitions.unit = 'ratio' then 'absolute' else 'relative' end),
  definitions.kpi in (
    'active_customers', 'orders', 'revenue', 'new_customers', 'purchase_frequency', 'leads', 'converted_leads',
    'opportunities_closed', 'opportunities_won', 'retained_customers', 'retention_rate', 'churn_rate',
    'marketing_spend', 'survey_responses'
  )
from segflow.kpi_definitions as definitions
left join (values
  ('roi', 0.10, 'relative'),
  ('csat', 0.20, 'absolute'),
  ('nps', 5.00, 'absolute')
) as overrides (kpi, max_drop_pct, basis) on overrides.kpi = definitions.kpi
where definitions.higher_is_better is not null;

create view segflow.kpi_quarter_comparison as
  with quarter_pairs as (
    select
      current_quarter.quarter,
      current_quarter.run_id,
      current_quarter.is_partial,
      previous.quarter as previous_quarter,
      previous.run_id as previous_run_id,
      previous.is_partial as previous_is_partial
    from segflow.published_quarters as current_quarter
    join segflow.published_quarters as previous on previous.quarter = current_quarter.previous_quarter
  ),

  kpi_values as (
    select snapshots.run_id, snapshots.scheme, snapshots.segment_id, snapshots.segment_label, measured.kpi, measured.value
    from segflow.kpi_snapshots as snapshots
    cross join lateral (values
      ('customers', cast(snapshots.customers as numeric)),
      ('active_customers', cast(snapshots.active_customers as numeric)),
      ('orders', cast(snapshots.orders as numeric)),
      ('revenue', cast(snapshots.revenue as numeric)),
      ('aov', cast(snapshots.aov as numeric)),
      ('revenue_share', cast(snapshots.revenue_share as numeric)),
      ('new_customers', cast(snapshots.new_customers as numeric)),
      ('purchase_frequency', cast(snapshots.purchase_frequency as numeric)),
      ('clv_historical', cast(snapshots.clv_historical as numeric)),
      ('clv_predicted', cast(snapshots.clv_predicted as numeric)),
      ('leads', cast(snapshots.leads as numeric)),
      ('converted_leads', cast(snapshots.converted_leads as numeric)),
      ('lead_conversion_rate', cast(snapshots.lead_conversion_rate as numeric)),
      ('opportunities_closed', cast(snapshots.opportunities_closed as numeric)),
      ('opportunities_won', cast(snapshots.opportunities_won as numeric)),
      ('win_rate', cast(snapshots.win_rate as numeric)),
      ('retention_base', cast(snapshots.retention_base as numeric)),
      ('retained_customers', cast(snapshots.retained_customers as numeric)),
      ('retention_rate', cast(snapshots.retention_rate as numeric)),
      ('churn_rate', cast(snapshots.churn_rate as numeric)),
      ('marketing_spend', cast(snapshots.marketing_spend as numeric)),
      ('cac', cast(snapshots.cac as numeric)),
      ('roi', cast(snapshots.roi as numeric)),
      ('survey_responses', cast(snapshots.survey_responses as numeric)),
      ('csat', cast(snapshots.csat as numeric)),
      ('nps', cast(snapshots.nps as numeric))
    ) as measured (kpi, value)
    where snapshots.run_id in (select run_id from segflow.published_quarters)
  ),

  current_side as (
    select pairs.*, kpi_values.scheme, kpi_values.segment_id, kpi_values.segment_label, kpi_values.kpi, kpi_values.value
    from quarter_pairs as pairs
    join kpi_values on kpi_values.run_id = pairs.run_id
  ),

  previous_side as (
    select pairs.*, kpi_values.scheme, kpi_values.segment_id, kpi_values.segment_label, kpi_values.kpi, kpi_values.value
    from quarter_pairs as pairs
    join kpi_values on kpi_values.run_id = pairs.previous_run_id
  ),

  -- A full join keeps segments that exist in only one of the two quarters (k-means k changed).
  paired as (
    select
      coalesce(current_side.quarter, previous_side.quarter) as quarter,
      coalesce(current_side.previous_quarter, previous_side.previous_quarter) as previous_quarter,
      coalesce(current_side.is_partial, previous_side.is_partial) as current_is_partial,
      coalesce(current_side.previous_is_partial, previous_side.previous_is_partial) as previous_is_partial,
      coalesce(current_side.scheme, previous_side.scheme) as scheme,
      coalesce(current_side.segment_id, previous_side.segment_id) as segment_id,
      coalesce(current_side.segment_label, previous_side.segment_label) as segment_label,
      coalesce(current_side.kpi, previous_side.kpi) as kpi,
      previous_side.value as previous_value,
      current_side.value as current_value
    from current_side
    full join previous_side
      on previous_side.quarter = current_side.quarter
      and previous_side.scheme = current_side.scheme
      and previous_side.segment_id = current_side.segment_id
      and previous_side.kpi = current_side.kpi
  ),

  compared as (
    select
      paired.*,
      definitions.label as kpi_label,
      definitions.unit,
      definitions.higher_is_better,
      definitions.is_key,
      definitions.display_order,
      paired.current_value - paired.previous_value as change,
      round((paired.current_value - paired.previous_value) / nullif(abs(paired.previous_value), 0), 6) as pct_change,
      case
        when definitions.higher_is_better then paired.previous_value - paired.current_value
        when not definitions.higher_is_better then paired.current_value - paired.previous_value
      end as bad_move,
      thresholds.max_drop_pct,
      thresholds.basis,
      thresholds.skip_when_partial
    from paired
    join segflow.kpi_definitions as definitions on definitions.kpi = paired.kpi
    left join segflow.review_thresholds as thresholds on thresholds.kpi = paired.kpi
  )

  select
    scheme,
    segment_id,
    segment_label,
    kpi,
    kpi_label,
    unit,
    quarter,
    previous_quarter,
    previous_value,
    current_value,
    change,
    pct_change,
    higher_is_better,
    is_key,
    coalesce(
      is_key
      and not (skip_when_partial and (current_is_partial or previous_is_partial))
      and case basis
        when 'relative' then bad_move / nullif(abs(previous_value), 0) > max_drop_pct
        when 'absolute' then bad_move > max_drop_pct
      end,
      false
    ) as is_underperforming,
    current_is_partial,
    previous_is_partial,
    display_order
  from compared;
comment on view segflow.kpi_quarter_comparison is 'Every KPI of every segment (and of all customers, scheme all) in each published quarter against the calendar quarter just before, when both have a published run. Segment ids are stable across runs, so (scheme, segment_id) is the same segment in both quarters.';
comment on column segflow.kpi_quarter_comparison.scheme is 'rfm, kmeans, firmographic, or all.';
comment on column segflow.kpi_quarter_comparison.segment_id is 'Segment within the scheme (0 for all customers).';
comment on column segflow.kpi_quarter_comparison.segment_label is 'The segment''s label in this quarter''s run (the previous quarter''s when the segment no longer exists).';
comment on column segflow.kpi_quarter_comparison.kpi is 'KPI name (segflow.kpi_definitions.kpi).';
comment on column segflow.kpi_quarter_comparison.kpi_label is 'KPI name shown in reports.';
comment on column segflow.kpi_quarter_comparison.unit is 'count, currency, ratio or score.';
comment on column segflow.kpi_quarter_comparison.quarter is 'This quarter, e.g. 2011-Q2.';
comment on column segflow.kpi_quarter_comparison.previous_quarter is 'The calendar quarter just before, e.g. 2011-Q1.';
comment on column segflow.kpi_quarter_comparison.previous_value is 'The KPI in the previous quarter; null when the segment did not exist or the KPI could not be computed.';
comment on column segflow.kpi_quarter_comparison.current_value is 'The KPI in this quarter; null when the segment no longer exists or the KPI could not be computed.';
comment on column segflow.kpi_quarter_comparison.change is 'current_value - previous_value.';
comment on column segflow.kpi_quarter_comparison.pct_change is 'change / |previous_value|, rounded to 6 places (0.1 = +10 %); null when previous_value is 0 or null.';
comment on column segflow.kpi_quarter_comparison.higher_is_better is 'Direction of improvement; null when neither is better.';
comment on column segflow.kpi_quarter_comparison.is_key is 'Whether the KPI is a key KPI (only key KPIs can flag).';
comment on column segflow.kpi_quarter_comparison.is_underperforming is 'True when a key KPI moved in its bad direction by more than its segflow.review_thresholds threshold; never for a KPI that grows with the period length (skip_when_partial) when either quarter is partial.';
comment on column segflow.kpi_quarter_comparison.current_is_partial is 'True when this quarter''s run stops before the quarter end (totals are then lower than a full quarter''s).';
comment on column segflow.kpi_quarter_comparison.previous_is_partial is 'True when the previous quarter''s run stopped before that quarter''s end.';
comment on column segflow.kpi_quarter_comparison.display_order is 'Order of the KPI in reports.';

create table segflow.segment_suggestions (
  run_id uuid not null,
  scheme text not null,
  segment_id integer not null,
  suggestion text not null check (suggestion in ('merge', 'split')),
  with_segment_id integer,
  rule text not null check (rule in ('small_segment', 'similar_segments', 'heterogeneous_segment')),
  reason text not null,
  measure numeric not null,
  threshold numeric not null,
  check ((suggestion = 'merge') = (with_segment_id is not null))
);
create unique index segment_suggestions_key on segflow.segment_suggestions (run_id, scheme, segment_id, rule, coalesce(with_segment_id, -1));
comment on table segflow.segment_suggestions is 'Segments a run suggests merging or splitting, computed with the KPI snapshot in the standardised feature space of k-means (log1p monetary, log1p frequency, log1p recency, z-scored over the scheme''s customers). Suggestions only: segments are never changed automatically.';
comment on column segflow.segment_suggestions.run_id is 'Run whose segments are judged.';
comment on column segflow.segment_suggestions.scheme is 'rfm, kmeans or firmographic.';
comment on column segflow.segment_suggestions.segment_id is 'The segment to merge (into with_segment_id) or to split.';
comment on column segflow.segment_suggestions.suggestion is 'merge or split.';
comment on column segflow.segment_suggestions.with_segment_id is 'For merge: the segment to merge into (the nearest one, or the larger of a similar pair); null for split.';
comment on column segflow.segment_suggestions.rule is 'small_segment (customer share under the minimum), similar_segments (standardised segment means closer than the similarity distance) or heterogeneous_segment (spread of the segment''s customers a large fraction of the spread of all customers).';
comment on column segflow.segment_suggestions.reason is 'The rule in plain words with the measured value and every threshold used.';
comment on column segflow.segment_suggestions.measure is 'What the rule measured: customer share (small_segment), distance between standardised means (similar_segments), or segment spread / scheme spread (heterogeneous_segment).';
comment on column segflow.segment_suggestions.threshold is 'The threshold measure was compared with.';

create view segflow.current_segment_suggestions as
  select suggestions.*, segments.label as segment_label, partners.label as with_segment_label, runs.as_of
  from segflow.current_run as runs
  join segflow.segment_suggestions as suggestions on suggestions.run_id = runs.run_id
  join segflow.segments as segments
    on segments.run_id = suggestions.run_id and segments.scheme = suggestions.scheme and segments.segment_id = suggestions.segment_id
  left join segflow.segments as partners
    on partners.run_id = suggestions.run_id and partners.scheme = suggestions.scheme and partners.segment_id = suggestions.with_segment_id;
comment on view segflow.current_segment_suggestions is 'Merge and split suggestions of the latest published run, with segment labels.';
comment on column segflow.current_segment_suggestions.run_id is 'The latest published run.';
comment on column segflow.current_segment_suggestions.scheme is 'rfm, kmeans or firmographic.';
comment on column segflow.current_segment_suggestions.segment_id is 'The segment to merge (into with_segment_id) or to split.';
comment on column segflow.current_segment_suggestions.suggestion is 'merge or split.';
comment on column segflow.current_segment_suggestions.with_segment_id is 'For merge: the segment to merge into; null for split.';
comment on column segflow.current_segment_suggestions.rule is 'small_segment, similar_segments or heterogeneous_segment (see segflow.segment_suggestions.rule).';
comment on column segflow.current_segment_suggestions.reason is 'The rule in plain words with the measured value and every threshold used.';
comment on column segflow.current_segment_suggestions.measure is 'What the rule measured (see segflow.segment_suggestions.measure).';
comment on column segflow.current_segment_suggestions.threshold is 'The threshold measure was compared with.';
comment on column segflow.current_segment_suggestions.segment_label is 'Label of segment_id.';
comment on column segflow.current_segment_suggestions.with_segment_label is 'Label of with_segment_id (merge only).';
comment on column segflow.current_segment_suggestions.as_of is 'As-of date of the run.';

create view segflow.segment_migration as
  with quarter_pairs as (
    select
      previous.quarter as from_quarter,
      previous.run_id as from_run_id,
      previous.quarter_start as from_start,
      previous.period_end as from_end,
      current_quarter.quarter as to_quarter,
      current_quarter.run_id as to_run_id,
      current_quarter.quarter_start as to_start,
      current_quarter.period_end as to_end
    from segflow.published_quarters as current_quarter
    join segflow.published_quarters as previous on previous.quarter = current_quarter.previous_quarter
  ),

  previous_members as (
    select pairs.to_quarter, assigned.scheme, assigned.customer_id, assigned.segment_id
    from quarter_pairs as pairs
    join segflow.customer_segments as assigned on assigned.run_id = pairs.from_run_id
  ),

  current_members as (
    select pairs.to_quarter, assigned.scheme, assigned.customer_id, assigned.segment_id
    from quarter_pairs as pairs
    join segflow.customer_segments as assigned on assigned.run_id = pairs.to_run_id
  ),

  moves as (
    select
      coalesce(current_members.to_quarter, previous_members.to_quarter) as to_quarter,
      coalesce(current_members.scheme, previous_members.scheme) as scheme,
      coalesce(current_members.customer_id, previous_members.customer_id) as customer_id,
      previous_members.segment_id as from_segment_id,
      current_members.segment_id as to_segment_id,
      current_members.customer_id is not null as in_current,
      previous_members.customer_id is not null as in_previous
    from current_members
    full join previous_members
      on previous_members.to_quarter = current_members.to_quarter
      and previous_members.scheme = current_members.scheme
      and previous_members.customer_id = current_members.customer_id
  ),

  -- Net revenue (purchases minus returns) in each quarter's counted period, from that quarter's run.
  current_revenue as (
    select pairs.to_quarter, orders.customer_id, sum(orders.revenue) as revenue
    from quarter_pairs as pairs
    join core.orders as orders
      on orders.run_id = pairs.to_run_id and orders.order_date between pairs.to_start and pairs.to_end
    group by pairs.to_quarter, orders.customer_id
  ),

  previous_revenue as (
    select pairs.to_quarter, orders.customer_id, sum(orders.revenue) as revenue
    from quarter_pairs as pairs
    join core.orders as orders
      on orders.run_id = pairs.from_run_id and orders.order_date between pairs.from_start and pairs.from_end
    group by pairs.to_quarter, orders.customer_id
  ),

  aggregated as (
    select
      moves.to_quarter,
      moves.scheme,
      moves.from_segment_id,
      moves.to_segment_id,
      count(*) as customers,
      sum(case when moves.in_current then coalesce(current_revenue.revenue, 0) else 0 end) as revenue,
      sum(case when moves.in_previous then coalesce(previous_revenue.revenue, 0) else 0 end) as previous_revenue
    from moves
    left join current_revenue
      on current_revenue.to_quarter = moves.to_quarter and current_revenue.customer_id = moves.customer_id
    left join previous_revenue
      on previous_revenue.to_quarter = moves.to_quarter and previous_revenue.customer_id = moves.customer_id
    group by moves.to_quarter, moves.scheme, moves.from_segment_id, moves.to_segment_id
  )

  select
    pairs.from_quarter,
    pairs.to_quarter,
    aggregated.scheme,
    aggregated.from_segment_id,
    coalesce(from_segments.label, 'New customers') as from_label,
    aggregated.to_segment_id,
    coalesce(to_segments.label, 'Lost customers') as to_label,
    cast(aggregated.customers as integer) as customers,
    aggregated.revenue,
    aggregated.previous_revenue,
    pairs.from_run_id,
    pairs.to_run_id
  from aggregated
  join quarter_pairs as pairs on pairs.to_quarter = aggregated.to_quarter
  left join segflow.segments as from_segments
    on from_segments.run_id = pairs.from_run_id
    and from_segments.scheme = aggregated.scheme
    and from_segments.segment_id = aggregated.from_segment_id
  left join segflow.segments as to_segments
    on to_segments.run_id = pairs.to_run_id
    and to_segments.scheme = aggregated.scheme
    and to_segments.segment_id = aggregated.to_segment_id;
comment on view segflow.segment_migration is 'Customers moving between segments from one published quarter to the next (same runs as segflow.published_kpi_snapshots), per scheme: a from x to matrix whose rows sum to the previous quarter''s segment sizes plus a New customers row, and whose columns sum to this quarter''s segment sizes plus a Lost customers column.';
comment on column segflow.segment_migration.from_quarter is 'The previous quarter.';
comment on column segflow.segment_migration.to_quarter is 'This quarter (the calendar quarter after from_quarter).';
comment on column segflow.segment_migration.scheme is 'rfm, kmeans or firmographic.';
comment on column segflow.segment_migration.from_segment_id is 'Segment in the previous quarter''s run; null for customers that run did not segment (new customers).';
comment on column segflow.segment_migration.from_label is 'Label of from_segment_id in the previous quarter''s run, or New customers.';
comment on column segflow.segment_migration.to_segment_id is 'Segment in this quarter''s run; null for customers this run does not segment (lost: erased, or out of the scheme).';
comment on column segflow.segment_migration.to_label is 'Label of to_segment_id in this quarter''s run, or Lost customers.';
comment on column segflow.segment_migration.customers is 'Customers that made this move.';
comment on column segflow.segment_migration.revenue is 'Their net revenue (purchases minus returns, core.orders) in this quarter''s counted period (quarter start to the run''s period end); 0 for lost customers.';
comment on column segflow.segment_migration.previous_revenue is 'Their net revenue in the previous quarter''s counted period, from the previous quarter''s run; 0 for new customers.';
comment on column segflow.segment_migration.from_run_id is 'The previous quarter''s run.';
comment on column segflow.segment_migration.to_run_id is 'This quarter''s run.';
