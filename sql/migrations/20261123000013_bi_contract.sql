-- The BI contract: every segflow object documented, a least-privilege reader role, and activation
-- views in the shape reverse-ETL tools (Hightouch, Census) sync to ad and CRM platforms.

-- Views that select * from one table: each column means what the table's column means. Run again
-- after recreating such a view (its new columns start without a comment).
create or replace function segflow.copy_column_comments(target regclass, source regclass) returns integer
language plpgsql as $$
declare
  inherited record;
  copied integer := 0;
begin
  for inherited in
    select target_column.attname, source_comment.description
    from pg_attribute as target_column
    join pg_attribute as source_column on source_column.attrelid = source and source_column.attname = target_column.attname
    join pg_description as source_comment on source_comment.objoid = source and source_comment.classoid = cast('pg_class' as regclass) and source_comment.objsubid = source_column.attnum
    where target_column.attrelid = target and target_column.attnum > 0 and not target_column.attisdropped
  loop
    execute format('comment on column %s.%I is %L', target, inherited.attname, inherited.description);
    copied := copied + 1;
  end loop;
  return copied;
end
$$;
comment on function segflow.copy_column_comments(regclass, regclass) is 'Gives each column of target the comment of the same-named column of source; returns the columns commented.';
revoke execute on function segflow.copy_column_comments(regclass, regclass) from public;

-- "Current" is the freshest data, not the latest publish: a backfill publishing an earlier as-of
-- date must not replace what dashboards show.
create or replace view segflow.current_run as
  select run_id, as_of, published_at from segflow.published_runs
  order by as_of desc, published_at desc, run_id
  limit 1;
comment on view segflow.current_run is 'The published run with the latest as-of date (of those, the latest published): the run every current_* and activation_* view shows. Publishing a backfill of an earlier date does not change it.';

-- Columns created before every object had to be documented.
select segflow.copy_column_comments('segflow.published_runs', 'segflow.runs');
select segflow.copy_column_comments('segflow.current_features', 'segflow.customer_features');
select segflow.copy_column_comments('segflow.published_kpi_snapshots', 'segflow.kpi_snapshots');
select segflow.copy_column_comments('segflow.current_segments', 'segflow.customer_segments');
select segflow.copy_column_comments('segflow.current_segment_personas', 'segflow.segments');
select segflow.copy_column_comments('segflow.current_run', 'segflow.runs');
comment on column segflow.current_segments.segment_label is 'Segment label, e.g. Champions (segflow.segments.label).';
comment on column segflow.current_segments.as_of is 'As-of date of the run.';
comment on column segflow.current_segment_personas.as_of is 'As-of date of the run.';
comment on column segflow.feature_definitions.feature is 'Column of segflow.customer_features (and current_features).';
comment on column segflow.feature_definitions.data_type is 'PostgreSQL type of the column, e.g. numeric(16,2).';
comment on column segflow.feature_definitions.definition is 'What the feature means and how it is computed: the column''s comment.';
comment on column segflow.customer_ids.customer_id is 'Resolved person (per_...) or account (acc_...) id, as customer_features.customer_id carries it.';
comment on column segflow.customer_ids.level is 'person or account.';
comment on column segflow.customer_ids.first_run_id is 'Run that first gave out the id.';
comment on column segflow.customer_ids.retired_in_run is 'First run in which no resolved person or account carried the id (merged away or all its members gone); null while in use.';
comment on column segflow.erasures.erasure_id is 'Key of the erasure; raw.suppressed_identities.erasure_id points here.';
comment on column segflow.erasures.erased_at is 'When the erasure ran.';

-- Roles are cluster-wide while grants are per database: several databases on one server may run
-- this at the same moment, so creating the role tolerates losing the race.
create or replace function segflow.grant_reader_access() returns void
language plpgsql as $$
declare
  readable record;
begin
  if not exists (select from pg_roles where rolname = 'segflow_reader') then
    begin
      create role segflow_reader nologin;
    exception
      when duplicate_object or unique_violation then null;
      when insufficient_privilege then
        raise exception 'segflow cannot create the role segflow_reader: the database user running migrations lacks CREATEROLE'
          using hint = 'ask an administrator to run "create role segflow_reader nologin" once on this server (or grant CREATEROLE), then start segflow again';
    end;
  end if;
  -- Two migrations of one database granting on the same objects at once would fail with "tuple concurrently updated".
  perform pg_advisory_xact_lock(hashtext('segflow.grant_reader_access'));
  grant usage on schema segflow to segflow_reader;
  for readable in
    select cast(c.oid as regclass) as relation
    from pg_class as c
    join pg_namespace as n on n.oid = c.relnamespace
    where n.nspname = 'segflow'
      and (c.relkind in ('v', 'm') or (c.relkind = 'r' and c.relname in ('kpi_definitions', 'review_thresholds')))
  loop
    execute format('grant select on %s to segflow_reader', readable.relation);
  end loop;
end
$$;
comment on function segflow.grant_reader_access() is 'Creates the NOLOGIN role segflow_reader if missing and grants it USAGE on schema segflow and SELECT on every segflow view and the run-independent catalogue tables (kpi_definitions, review_thresholds); never the per-run tables, which hold unpublished rows. segflow migrate runs it after every migration.';
revoke execute on function segflow.grant_reader_access() from public;

-- Activation: the current published run as audiences, people and memberships.
create view segflow.activation_audiences as
  with source as (
    select r.run_id, r.as_of, r.published_at, s.scheme, s.segment_id, s.label, s.description, s.customers
    from segflow.current_run as r
    join segflow.segments as s on s.run_id = r.run_id
  ),

  final as (
    select
      scheme || ':' || segment_id as audience_id,
      scheme,
      segment_id,
      label as name,
      description,
      customers as size,
      run_id,
      as_of,
      published_at as updated_at
    from source
  )

  select * from final;
comment on view segflow.activation_audiences is 'One row per segment of the latest published run, as an audience a reverse-ETL tool (Hightouch, Census) syncs to a destination. Members in activation_memberships.';
comment on column segflow.activation_audiences.audience_id is 'Stable audience key: scheme:segment_id, e.g. rfm:1 (Champions). A k-means id keeps its meaning across runs by centroid matching.';
comment on column segflow.activation_audiences.scheme is 'Segmentation scheme: rfm, kmeans or firmographic.';
comment on column segflow.activation_audiences.segment_id is 'Segment number within the scheme.';
comment on column segflow.activation_audiences.name is 'Segment label, e.g. Champions.';
comment on column segflow.activation_audiences.description is 'What the segment is: the RFM rule, the k-means centroid or the firmographic rule in plain words.';
comment on column segflow.activation_audiences.size is 'People in the audience.';
comment on column segflow.activation_audiences.run_id is 'Published run the audience comes from.';
comment on column segflow.activation_audiences.as_of is 'As-of date of that run.';
comment on column segflow.activation_audiences.updated_at is 'When that run was published: the audience changes only when a new run is published.';

create view segflow.activation_people as
  with run as (
    select run_id, as_of, published_at from segflow.current_run
  ),

  features as (
    select f.* from run join segflow.customer_features as f on f.run_id = run.run_id
  ),

  labels as (
    select
      cs.customer_id,
      min(s.label) filter (where cs.scheme = 'rfm') as rfm_segment,
      min(s.label) filter (where cs.scheme = 'kmeans') as kmeans_segment,
      min(s.label) filter (where cs.scheme = 'firmographic') as firmographic_segment
    from run
    join segflow.customer_segments as cs on cs.run_id = run.run_id
    join segflow.segments as s on s.run_id = cs.run_id and s.scheme = cs.scheme and s.segment_id = cs.segment_id
    group by cs.customer_id
  ),

  -- Only a customer who is one person (B2C) has an email of their own; an account has many people.
  person_emails as (
    select m.customer_key, r.email_hash, count(*) as observations
    from run
    join core.identity_members as m on m.run_id = run.run_id
    join core.identity_records as r on r.run_id = m.run_id and r.member_no = m.member_no
    where m.level = 'person' and m.account_key is null and r.email_hash is not null
    group by m.customer_key, r.email_hash
  ),

  most_seen_email as (
    select distinct on (customer_key) customer_key, email_hash
    from person_emails
    order by customer_key, observations desc, email_hash
  ),

  final as (
    select
      f.customer_id as person_id,
      labels.rfm_segment,
      labels.kmeans_segment,
      labels.firmographic_segment,
      f.clv_predicted_365d,
      f.monetary,
      f.recency_days,
      f.frequency,
      f.country,
      most_seen_email.email_hash,
      run.run_id,
      run.as_of,
      run.published_at as updated_at
    from features as f
    cross join run
    left join labels on labels.customer_id = f.customer_id
    left join most_seen_email on most_seen_email.customer_key = f.customer_id
  )

  select * from final;
comment on view segflow.activation_people is 'One row per customer of the latest published run with the traits a reverse-ETL tool syncs: segment labels, value, recency, frequency. No clear personal data: email_hash is a keyed pseudonym.';
comment on column segflow.activation_people.person_id is 'Customer key (segflow customer_id): the source customer number, or the resolved person or account id (per_..., acc_...).';
comment on column segflow.activation_people.rfm_segment is 'RFM segment label, e.g. Champions.';
comment on column segflow.activation_people.kmeans_segment is 'k-means segment label.';
comment on column segflow.activation_people.firmographic_segment is 'Firmographic segment label (B2B customers with a size tier); null otherwise.';
comment on column segflow.activation_people.clv_predicted_365d is 'Expected revenue in the 365 days after as_of (BG/NBD and Gamma-Gamma); null when the run fitted no CLV model.';
comment on column segflow.activation_people.monetary is 'Net revenue to date: purchases minus returns, in the source currency.';
comment on column segflow.activation_people.recency_days is 'Days since the last purchase as of as_of; null without a purchase.';
comment on column segflow.activation_people.frequency is 'Purchase invoices to date (returns excluded).';
comment on column segflow.activation_people.country is 'B2B: the account''s country (ISO 3166 alpha-2); null for individuals and runs without resolved identities.';
comment on column segflow.activation_people.email_hash is 'For a customer who is one person (B2C, resolved identities): HMAC-SHA256 (key SEGFLOW_PII_KEY) of their normalised email, the one seen on most records. It matches only other segflow pseudonyms, not an ad platform''s plain SHA-256; null for accounts and without identities.';
comment on column segflow.activation_people.run_id is 'Published run the traits come from.';
comment on column segflow.activation_people.as_of is 'As-of date of that run.';
comment on column segflow.activation_people.updated_at is 'When that run was published.';

create view segflow.activation_memberships as
  with final as (
    select cs.scheme || ':' || cs.segment_id as audience_id, cs.customer_id as person_id, r.as_of, r.run_id
    from segflow.current_run as r
    join segflow.customer_segments as cs on cs.run_id = r.run_id
  )

  select * from final;
comment on view segflow.activation_memberships is 'One row per audience and person in the latest published run: who is in which audience of activation_audiences. A person is in one audience per scheme.';
comment on column segflow.activation_memberships.audience_id is 'Audience key (activation_audiences.audience_id), scheme:segment_id.';
comment on column segflow.activation_memberships.person_id is 'Customer key (activation_people.person_id).';
comment on column segflow.activation_memberships.as_of is 'As-of date of the run.';
comment on column segflow.activation_memberships.run_id is 'Published run the membership comes from.';

select segflow.grant_reader_access();
