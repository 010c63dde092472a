-- A run's predictive CLV values, written by each valueCustomers partition and moved into
-- segflow.customer_features by one update once every partition is done. Each partition used to update its
-- own customers there directly; they hash all over the table, so P partitions rewrote nearly every page of
-- it P times, with index entries and full-page WAL (5 s at 300k customers, 233 s at 3M).
-- Logged: a partition that committed its values is done, and a crash must not lose them before the update.
create table core.clv_values (
  run_id uuid not null,
  partition_no integer not null,
  customer_id text not null,
  p_alive numeric(8, 6),
  expected_purchases_365d numeric(12, 4),
  expected_aov numeric(16, 2),
  clv_predicted_365d numeric(16, 2),
  primary key (run_id, partition_no, customer_id)
);
comment on table core.clv_values is 'Per run and CLV value partition: each customer''s predictive CLV values, written by valueCustomers, moved into segflow.customer_features and removed by applyCustomerValues.';
