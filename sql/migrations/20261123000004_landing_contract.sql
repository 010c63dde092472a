-- Landing contract: every connector lands its records here, one table per entity, in one shape.
-- Rows are versions: each extract run lands the records it read (all of them on a full refresh,
-- only those changed since the watermark otherwise); the newest version of a record wins downstream.
-- Mapped columns are typed; the vendor's original record is kept in `record` (API and NDJSON
-- sources) or located by `position` (file:line) for bulk files landed by COPY.

create table raw.accounts (
  run_id uuid not null,
  source text not null,
  source_object text not null,
  source_id text not null,
  source_modified_at timestamptz,
  extracted_at timestamptz not null default now(),
  position text,
  record jsonb,
  name text,
  domain text,
  website text,
  industry text,
  employees integer,
  annual_revenue numeric(18, 2),
  currency text,
  country text,
  region text,
  city text,
  created_at_source timestamptz,
  primary key (run_id, source, source_object, source_id)
);
comment on table raw.accounts is 'Companies (B2B accounts) as landed: Salesforce Account, HubSpot company, CRM exports.';

create table raw.contacts (
  run_id uuid not null,
  source text not null,
  source_object text not null,
  source_id text not null,
  source_modified_at timestamptz,
  extracted_at timestamptz not null default now(),
  position text,
  record jsonb,
  account_source_id text,
  email text,
  phone text,
  first_name text,
  last_name text,
  job_title text,
  country text,
  lifecycle_stage text,
  created_at_source timestamptz,
  primary key (run_id, source, source_object, source_id)
);
comment on table raw.contacts is 'People known to a CRM or marketing system: Salesforce Contact, HubSpot contact, Marketo lead, Pardot prospect.';

create table raw.leads (
  run_id uuid not null,
  source text not null,
  source_object text not null,
  source_id text not null,
  source_modified_at timestamptz,
  extracted_at timestamptz not null default now(),
  position text,
  record jsonb,
  email text,
  phone text,
  first_name text,
  last_name text,
  company text,
  country text,
  channel text,
  status text,
  converted_contact_source_id text,
  converted_account_source_id text,
  converted_at timestamptz,
  created_at_source timestamptz,
  primary key (run_id, source, source_object, source_id)
);
comment on table raw.leads is 'Prospects not yet customers: Salesforce Lead, marketing-qualified leads; converted_* link a lead to what it became.';

create table raw.opportunities (
  run_id uuid not null,
  source text not null,
  source_object text not null,
  source_id text not null,
  source_modified_at timestamptz,
  extracted_at timestamptz not null default now(),
  position text,
  record jsonb,
  account_source_id text,
  contact_source_id text,
  lead_source_id text,
  name text,
  stage text,
  amount numeric(18, 2),
  currency text,
  is_closed boolean,
  is_won boolean,
  close_date date,
  created_at_source timestamptz,
  primary key (run_id, source, source_object, source_id)
);
comment on table raw.opportunities is 'Deals: Salesforce Opportunity, HubSpot deal, CRM pipeline exports.';

create table raw.orders (
  run_id uuid not null,
  source text not null,
  source_object text not null,
  source_id text not null,
  source_modified_at timestamptz,
  extracted_at timestamptz not null default now(),
  position text,
  record jsonb,
  customer_source_id text,
  account_source_id text,
  email text,
  ordered_at timestamptz,
  currency text,
  total numeric(18, 4),
  status text,
  country text,
  primary key (run_id, source, source_object, source_id)
);
comment on table raw.orders is 'Order headers: e-commerce or billing exports, CDNOW purchases.';

-- Order lines can be tens of millions of rows loaded by COPY: no unique key to maintain. A file's
-- lines land once per run because each committed chunk advances the run's checkpoint in the same
-- transaction.
create table raw.order_lines (
  run_id uuid not null,
  source text not null,
  source_object text not null,
  source_id text not null,
  source_modified_at timestamptz,
  extracted_at timestamptz not null default now(),
  position text,
  record jsonb,
  order_source_id text,
  customer_source_id text,
  ordered_at timestamptz,
  sku text,
  description text,
  quantity numeric(18, 4),
  unit_price numeric(18, 4),
  currency text,
  country text
);
create index order_lines_run_source on raw.order_lines (run_id, source);
comment on table raw.order_lines is 'Order lines; lines may carry their order''s customer and time when the source has no separate header.';

create table raw.web_events (
  run_id uuid not null,
  source text not null,
  source_object text not null,
  source_id text not null,
  source_modified_at timestamptz,
  extracted_at timestamptz not null default now(),
  position text,
  record jsonb,
  visitor_id text,
  user_id text,
  session_id text,
  event_name text,
  occurred_at timestamptz,
  page_url text,
  channel text,
  campaign text,
  revenue numeric(18, 4),
  currency text,
  primary key (run_id, source, source_object, source_id)
);
comment on table raw.web_events is 'Web analytics hits and events: GA4 BigQuery export, Adobe Analytics data feed, Pardot visitor activities. user_id is the site''s own customer id when logged in.';

create table raw.marketing_events (
  run_id uuid not null,
  source text not null,
  source_object text not null,
  source_id text not null,
  source_modified_at timestamptz,
  extracted_at timestamptz not null default now(),
  position text,
  record jsonb,
  contact_source_id text,
  email text,
  event_type text check (event_type in ('send', 'open', 'click', 'bounce', 'unsubscribe', 'form_fill', 'other')),
  campaign text,
  channel text,
  occurred_at timestamptz,
  primary key (run_id, source, source_object, source_id)
);
comment on table raw.marketing_events is 'Email and campaign activity: Marketo activities, Pardot visitor activities. event_type is normalised; the vendor''s own type stays in record.';

create table raw.support_responses (
  run_id uuid not null,
  source text not null,
  source_object text not null,
  source_id text not null,
  source_modified_at timestamptz,
  extracted_at timestamptz not null default now(),
  position text,
  record jsonb,
  contact_source_id text,
  account_source_id text,
  email text,
  kind text check (kind in ('ticket', 'csat', 'nps')),
  score numeric(6, 2),
  status text,
  opened_at timestamptz,
  closed_at timestamptz,
  primary key (run_id, source, source_object, source_id)
);
comment on table raw.support_responses is 'Support tickets and survey answers (CSAT 1-5, NPS 0-10).';

create table raw.marketing_spend (
  run_id uuid not null,
  source text not null,
  source_object text not null,
  source_id text not null,
  source_modified_at timestamptz,
  extracted_at timestamptz not null default now(),
  position text,
  record jsonb,
  period_start date,
  period_end date,
  channel text,
  campaign text,
  amount numeric(18, 2),
  currency text,
  primary key (run_id, source, source_object, source_id)
);
comment on table raw.marketing_spend is 'Marketing cost by period, channel and campaign, for CAC and ROI.';

-- Rejects now come from every connector: position is a file:line, an API page and index, or a row key.
alter table raw.rejects drop constraint rejects_pkey;
alter table raw.rejects alter column line_no drop not null;
alter table raw.rejects add column source_object text not null default '';
alter table raw.rejects add column position text;
alter table raw.rejects add column original text;
alter table raw.rejects add column stage text not null default 'extract' check (stage in ('extract', 'clean'));
update raw.rejects set position = cast(line_no as text), stage = 'clean' where position is null;
alter table raw.rejects alter column position set not null;
alter table raw.rejects add primary key (run_id, stage, source, source_object, position);
comment on table raw.rejects is 'Source records that could not be used, with the first rule they broke and their original text. Per run and source object: records read = rows landed + rejects.';
comment on column raw.rejects.position is 'Where the record was: file:line, page:index, or the record id.';
comment on column raw.rejects.stage is 'extract: the connector could not map the record; clean: it landed but breaks a cleaning rule (no customer, no date, ...).';
comment on column raw.rejects.original is 'The record as the source gave it (line text or JSON), so nothing is lost.';

-- Where an interrupted extract resumes: committed in the same transaction as the batch it follows.
create table raw.extract_checkpoints (
  run_id uuid not null,
  source text not null,
  source_object text not null,
  cursor jsonb,
  records_read bigint not null default 0,
  rows_landed bigint not null default 0,
  rows_rejected bigint not null default 0,
  high_water text,
  done boolean not null default false,
  updated_at timestamptz not null default now(),
  primary key (run_id, source, source_object)
);
comment on table raw.extract_checkpoints is 'Progress of each source object in each run; a retried extract resumes from cursor.';

-- Incremental extracts start after the watermark of the last completed extract of the object.
create table raw.source_watermarks (
  source text not null,
  source_object text not null,
  watermark text not null,
  advanced_in_run uuid not null,
  advanced_at timestamptz not null default now(),
  primary key (source, source_object)
);
comment on table raw.source_watermarks is 'High-water mark (modification time, cursor or file name, per connector) of the last completed extract per source object.';
