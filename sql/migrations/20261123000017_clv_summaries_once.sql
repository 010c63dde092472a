-- A run's BG/NBD summaries, aggregated from its orders once by fitClvModel, each customer under the CLV
-- value partition its id hashes to. Each valueCustomers partition used to aggregate every order of the run
-- and keep its own customers: P partitions read the orders P times (12 times at 3M customers).
-- Unlogged: the rows are a cache of one run's orders; after a crash valueCustomers aggregates them again.
create unlogged table core.clv_summaries (
  run_id uuid not null,
  partition_no integer not null,
  customer_id text not null,
  x integer not null,
  tx numeric not null,
  t_age numeric not null,
  zbar numeric not null,
  in_calibration boolean not null,
  calibration_x integer,
  calibration_tx numeric,
  calibration_t_age numeric,
  calibration_zbar numeric,
  holdout_days integer,
  primary key (run_id, partition_no, customer_id)
);
comment on table core.clv_summaries is 'Per run and CLV value partition: each customer''s BG/NBD summary (weeks) at the holdout end and at the calibration end, written by fitClvModel, read by valueCustomers, removed when the run is published.';
