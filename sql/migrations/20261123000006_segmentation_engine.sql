-- Segmentation that holds up: persona cards per segment, and stability against the previous published run.

alter table segflow.segments
  add column persona jsonb;
comment on column segflow.segments.persona is 'Plain-language card: summary text, size, value share, top distinguishing features (z-scores against all customers of the run), size change since the previous published run, suggested action.';
comment on column segflow.segments.segment_id is 'Segment number within the scheme (rfm: fixed ids of the named segments; kmeans: the id of the previous published run''s segment with the nearest centroid, by optimal assignment; new segments take unused ids, 1 = highest mean monetary on a first run).';

alter table segflow.segmentation_models
  add column previous_run_id uuid,
  add column common_customers integer,
  add column stability_ari numeric(8, 6);
comment on column segflow.segmentation_models.previous_run_id is 'Latest published run of the same source when this run was fitted: the run segment ids are matched to and stability is measured against; null for a first run.';
comment on column segflow.segmentation_models.common_customers is 'Customers assigned in both this run and the previous run.';
comment on column segflow.segmentation_models.stability_ari is 'Adjusted Rand index of this run''s segments against the previous run''s, over the common customers (1 = same partition); null without a previous run or with fewer than 2 common customers.';

create view segflow.current_segment_personas as
  select s.run_id, r.as_of, s.scheme, s.segment_id, s.label, s.customers, s.customer_share, s.monetary_share, s.persona
  from segflow.current_run r
  join segflow.segments s on s.run_id = r.run_id;
comment on view segflow.current_segment_personas is 'Persona card of every segment of the latest published run.';
