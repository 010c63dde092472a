-- Foundation schema: raw landing, typed core, and the published output contract (schema segflow).

create schema if not exists raw;
create schema if not exists core;
create schema if not exists segflow;

-- Safe casts: an unparsable value becomes null and the cleaning stage rejects the row with a reason.
-- They validate by pattern and arithmetic instead of catching cast errors: an EXCEPTION block opens a
-- subtransaction per call, which made cleaning several times slower.
create or replace function core.try_integer(value text) returns integer
language sql immutable parallel safe as $$
  -- at most 9 digits, so the cast cannot overflow
  select case when value ~ '^\s*[+-]{0,1}\d{1,9}\s*$' then cast(trim(value) as integer) end
$$;

create or replace function core.try_numeric(value text) returns numeric
language sql immutable parallel safe as $$
  select case when value ~ '^\s*[+-]{0,1}(\d+(\.\d*){0,1}|\.\d+)([eE][+-]{0,1}\d{1,3}){0,1}\s*$' then cast(trim(value) as numeric) end
$$;

-- YYYY-MM-DD[ T]HH:MM[:SS]; impossible calendar values (2011-02-30, 25:00) give null. A plain SQL
-- function so the planner inlines it (a plpgsql version took minutes on 541k rows). The nested CASE
-- keeps the day check and the cast from running on text the pattern has not vetted.
create or replace function core.try_timestamp(value text) returns timestamp
language sql immutable parallel safe as $$
  select case
    when trim(value) ~ '^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[ T]([01]{0,1}\d|2[0-3]):[0-5]\d(:[0-5]\d){0,1}$' then
      case
        when cast(substr(trim(value), 9, 2) as integer)
          <= extract(day from cast(substr(trim(value), 1, 7) || '-01' as date) + interval '1 month' - interval '1 day')
        then cast(trim(value) as timestamp)
      end
  end
$$;

-- raw: every line of a source file, as text, tagged with its run and line number.
create table raw.online_retail_lines (
  run_id uuid not null,
  line_no integer not null,
  field_count smallint not null,
  invoice_no text,
  stock_code text,
  description text,
  quantity text,
  invoice_date text,
  unit_price text,
  customer_id text,
  country text,
  overflow_fields text,
  primary key (run_id, line_no)
);
comment on table raw.online_retail_lines is 'One row per data line of the Online Retail CSV, landed as text by COPY. line_no is the physical line in the file (header = 1).';
comment on column raw.online_retail_lines.field_count is 'Number of CSV fields on the line; anything but 8 is rejected as malformed_row.';
comment on column raw.online_retail_lines.overflow_fields is 'Fields past the eighth, as a JSON array, so a malformed line keeps all its text.';

create table raw.rejects (
  run_id uuid not null,
  source text not null,
  line_no integer not null,
  reason_code text not null,
  detail text,
  primary key (run_id, source, line_no)
);
comment on table raw.rejects is 'Source lines that could not be used, with the first rule they broke. raw lines = accepted core lines + rejects, per run.';

-- core: typed, cleaned order lines and invoice-level orders. Returns (cancellations) are kept with negative values.
create table core.order_lines (
  run_id uuid not null,
  line_no integer not null,
  order_id text not null,
  customer_id text not null,
  ordered_at timestamp not null,
  order_date date not null,
  stock_code text,
  description text,
  quantity integer not null,
  unit_price numeric(14, 4) not null,
  line_revenue numeric(16, 4) not null,
  is_return boolean not null,
  country text,
  primary key (run_id, line_no)
);
comment on table core.order_lines is 'Accepted order lines. Times are the source''s local time (UK, no zone given). Returns have negative quantity and revenue.';

create table core.orders (
  run_id uuid not null,
  order_id text not null,
  customer_id text not null,
  ordered_at timestamp not null,
  order_date date not null,
  country text,
  is_return boolean not null,
  line_count integer not null,
  units integer not null,
  revenue numeric(16, 2) not null,
  primary key (run_id, order_id)
);
create index orders_run_customer on core.orders (run_id, customer_id);
comment on table core.orders is 'One row per invoice. Invoices starting with C are returns (is_return, negative revenue).';

-- segflow: the output contract read by BI tools.
create table segflow.runs (
  run_id uuid primary key,
  workflow_id text not null,
  as_of date not null,
  source text not null,
  status text not null check (status in ('running', 'published', 'failed')),
  parameters jsonb not null default '{}',
  code_version text not null,
  row_counts jsonb not null default '{}',
  stage_timings_ms jsonb not null default '{}',
  failure text,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  published_at timestamptz
);
comment on table segflow.runs is 'One row per segmentation run (one Temporal workflow execution). Only status = published runs are visible through the views.';
comment on column segflow.runs.run_id is 'Key every output row carries.';
comment on column segflow.runs.workflow_id is 'Temporal workflow id that executed the run.';
comment on column segflow.runs.as_of is 'Only data dated on or before this day counts.';
comment on column segflow.runs.source is 'Source the run extracted (e.g. online-retail).';
comment on column segflow.runs.status is 'running, published (visible to readers) or failed.';
comment on column segflow.runs.parameters is 'Run parameters: seed, k range, source file.';
comment on column segflow.runs.code_version is 'segflow version that produced the run.';
comment on column segflow.runs.row_counts is 'Rows read, accepted, rejected by reason, customers, segments.';
comment on column segflow.runs.stage_timings_ms is 'Wall time of each stage in milliseconds.';
comment on column segflow.runs.failure is 'Why a failed run failed.';
comment on column segflow.runs.started_at is 'When the run started.';
comment on column segflow.runs.finished_at is 'When the run was published or failed.';
comment on column segflow.runs.published_at is 'When the run became visible to readers.';

create table segflow.customer_features (
  run_id uuid not null,
  customer_id text not null,
  as_of date not null,
  first_purchase_date date,
  last_purchase_date date,
  recency_days integer,
  frequency integer not null,
  monetary numeric(16, 2) not null,
  gross_revenue numeric(16, 2) not null,
  returned_revenue numeric(16, 2) not null,
  aov numeric(16, 2),
  tenure_days integer,
  primary key (run_id, customer_id)
);
comment on table segflow.customer_features is 'One row per customer per run: behaviour up to and including as_of. Customers whose only orders are returns have frequency 0 and null dates.';
comment on column segflow.customer_features.run_id is 'Run that computed the row.';
comment on column segflow.customer_features.customer_id is 'Customer key (source CustomerID).';
comment on column segflow.customer_features.as_of is 'Date the features are computed as of.';
comment on column segflow.customer_features.first_purchase_date is 'First purchase (not return) on or before as_of.';
comment on column segflow.customer_features.last_purchase_date is 'Last purchase (not return) on or before as_of.';
comment on column segflow.customer_features.recency_days is 'as_of minus last_purchase_date, in days; null without a purchase.';
comment on column segflow.customer_features.frequency is 'Number of purchase invoices (returns excluded).';
comment on column segflow.customer_features.monetary is 'Net revenue: purchases minus returns, in the source currency (GBP).';
comment on column segflow.customer_features.gross_revenue is 'Revenue of purchases only.';
comment on column segflow.customer_features.returned_revenue is 'Value of returns, as a positive amount.';
comment on column segflow.customer_features.aov is 'Average order value: gross_revenue / frequency; null without a purchase.';
comment on column segflow.customer_features.tenure_days is 'as_of minus first_purchase_date, in days.';

create table segflow.customer_segments (
  run_id uuid not null,
  scheme text not null,
  customer_id text not null,
  segment_id integer not null,
  score_cell text,
  primary key (run_id, scheme, customer_id)
);
comment on table segflow.customer_segments is 'One row per customer per scheme per run: the segment the customer belongs to.';
comment on column segflow.customer_segments.run_id is 'Run that assigned the segment.';
comment on column segflow.customer_segments.scheme is 'Segmentation scheme: rfm or kmeans.';
comment on column segflow.customer_segments.customer_id is 'Customer key.';
comment on column segflow.customer_segments.segment_id is 'Segment within the scheme; see segflow.segments for its label.';
comment on column segflow.customer_segments.score_cell is 'For rfm: the R, F and M quintile scores as three digits (e.g. 545). Null for other schemes.';

create table segflow.segments (
  run_id uuid not null,
  scheme text not null,
  segment_id integer not null,
  label text not null,
  description text not null,
  customers integer not null,
  customer_share numeric(8, 6) not null,
  monetary numeric(16, 2) not null,
  monetary_share numeric(10, 6),
  centroid jsonb,
  primary key (run_id, scheme, segment_id)
);
comment on table segflow.segments is 'One row per segment per scheme per run: label, rule or centroid, size and value share.';
comment on column segflow.segments.run_id is 'Run that produced the segment.';
comment on column segflow.segments.scheme is 'rfm or kmeans.';
comment on column segflow.segments.segment_id is 'Segment number within the scheme (rfm: fixed ids of the named segments; kmeans: 1 = highest mean monetary).';
comment on column segflow.segments.label is 'Short name, e.g. Champions.';
comment on column segflow.segments.description is 'What the segment is: the RFM rule or the centroid in plain words.';
comment on column segflow.segments.customers is 'Customers in the segment.';
comment on column segflow.segments.customer_share is 'customers / all customers in the scheme.';
comment on column segflow.segments.monetary is 'Sum of customer net revenue (monetary) as of the run date.';
comment on column segflow.segments.monetary_share is 'monetary / total monetary of the scheme.';
comment on column segflow.segments.centroid is 'For kmeans: centroid in original units (recency_days, frequency, monetary).';

create table segflow.segmentation_models (
  run_id uuid not null,
  scheme text not null,
  model jsonb not null,
  primary key (run_id, scheme)
);
comment on table segflow.segmentation_models is 'How each scheme was fitted: parameters, scaling, candidate k with silhouettes, and why the chosen k won.';
comment on column segflow.segmentation_models.run_id is 'Run that fitted the model.';
comment on column segflow.segmentation_models.scheme is 'rfm or kmeans.';
comment on column segflow.segmentation_models.model is 'Model description as JSON.';

create table segflow.kpi_snapshots (
  run_id uuid not null,
  as_of date not null,
  quarter text not null,
  quarter_start date not null,
  period_end date not null,
  is_partial boolean not null,
  scheme text not null,
  segment_id integer not null,
  segment_label text not null,
  customers integer not null,
  active_customers integer not null,
  orders integer not null,
  revenue numeric(16, 2) not null,
  aov numeric(16, 2),
  revenue_share numeric(10, 6),
  primary key (run_id, scheme, segment_id)
);
comment on table segflow.kpi_snapshots is 'One row per segment per scheme for the quarter ending at the run''s as-of date.';
comment on column segflow.kpi_snapshots.run_id is 'Run that computed the snapshot.';
comment on column segflow.kpi_snapshots.as_of is 'As-of date of the run.';
comment on column segflow.kpi_snapshots.quarter is 'Calendar quarter, e.g. 2011-Q4.';
comment on column segflow.kpi_snapshots.quarter_start is 'First day of the quarter.';
comment on column segflow.kpi_snapshots.period_end is 'Last day counted: the as-of date or the quarter end.';
comment on column segflow.kpi_snapshots.is_partial is 'True when the period stops before the quarter end.';
comment on column segflow.kpi_snapshots.scheme is 'rfm or kmeans.';
comment on column segflow.kpi_snapshots.segment_id is 'Segment within the scheme.';
comment on column segflow.kpi_snapshots.segment_label is 'Segment label at the time of the run.';
comment on column segflow.kpi_snapshots.customers is 'Customers assigned to the segment by this run.';
comment on column segflow.kpi_snapshots.active_customers is 'Of those, customers with a purchase in the period.';
comment on column segflow.kpi_snapshots.orders is 'Purchase invoices in the period (returns excluded).';
comment on column segflow.kpi_snapshots.revenue is 'Net revenue in the period: purchases minus returns.';
comment on column segflow.kpi_snapshots.aov is 'Average order value in the period: gross purchase revenue / orders; null without orders.';
comment on column segflow.kpi_snapshots.revenue_share is 'revenue / revenue of all segments of the scheme in the period.';

-- Views read only published runs.
create view segflow.published_runs as
  select * from segflow.runs where status = 'published';
comment on view segflow.published_runs is 'Runs visible to readers.';

create view segflow.current_run as
  select run_id, as_of, published_at from segflow.published_runs
  order by published_at desc, run_id
  limit 1;
comment on view segflow.current_run is 'The latest published run.';

create view segflow.current_segments as
  select cs.customer_id, cs.scheme, cs.segment_id, s.label as segment_label, cs.score_cell, r.as_of, r.run_id
  from segflow.current_run r
  join segflow.customer_segments cs on cs.run_id = r.run_id
  join segflow.segments s on s.run_id = cs.run_id and s.scheme = cs.scheme and s.segment_id = cs.segment_id;
comment on view segflow.current_segments is 'Each customer''s segment per scheme in the latest published run.';

create view segflow.current_features as
  select f.* from segflow.current_run r join segflow.customer_features f on f.run_id = r.run_id;
comment on view segflow.current_features is 'Customer features of the latest published run.';

create view segflow.published_kpi_snapshots as
  with latest_per_quarter as (
    select distinct on (k.quarter) k.quarter, k.run_id
    from segflow.kpi_snapshots k
    join segflow.published_runs r on r.run_id = k.run_id
    order by k.quarter, k.as_of desc, r.published_at desc
  )
  select k.* from segflow.kpi_snapshots k join latest_per_quarter l on l.run_id = k.run_id;
comment on view segflow.published_kpi_snapshots is 'KPI snapshots of the latest published run of each quarter (latest as-of date, then latest publish).';
