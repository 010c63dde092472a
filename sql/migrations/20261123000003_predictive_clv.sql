-- Predictive CLV per customer (BG/NBD + Gamma-Gamma) and the fitted models per run.

alter table segflow.customer_features
  add column p_alive numeric(8, 6),
  add column expected_purchases_365d numeric(12, 4),
  add column expected_aov numeric(16, 2),
  add column clv_predicted_365d numeric(16, 2);

comment on column segflow.customer_features.p_alive is 'BG/NBD probability that the customer is still active at as_of; null when the model could not be fitted (see clv_models).';
comment on column segflow.customer_features.expected_purchases_365d is 'BG/NBD expected purchase days in the 365 days after as_of.';
comment on column segflow.customer_features.expected_aov is 'Gamma-Gamma expected spend per future purchase day.';
comment on column segflow.customer_features.clv_predicted_365d is 'Expected revenue in the 365 days after as_of: monthly expected purchases × expected_aov, discounted monthly at the run''s annual discount rate.';

create table segflow.clv_models (
  run_id uuid primary key,
  model jsonb not null
);
comment on table segflow.clv_models is 'Per run: fitted BG/NBD and Gamma-Gamma parameters, horizon, discount rate, and the calibration/holdout error report; or why no fit was possible.';
comment on column segflow.clv_models.run_id is 'Run that fitted the models.';
comment on column segflow.clv_models.model is 'Parameters, log-likelihoods, settings and holdout report as JSON.';

-- A view's column list is fixed when it is created: recreate it so it shows the columns added since.
create or replace view segflow.current_features as
  select f.* from segflow.current_run r join segflow.customer_features f on f.run_id = r.run_id;
