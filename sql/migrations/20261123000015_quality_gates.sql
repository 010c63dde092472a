-- Quality gates: the verdict checkQuality records just before a run is published.
alter table segflow.runs add column quality jsonb;
comment on column segflow.runs.quality is 'Quality-gate verdict before publishing: passed, each gate (customer_drop, key_feature_nulls, reject_rate, freshness) with measured value and threshold, and the measures; null for runs that never reached the check.';
