-- grain: one row per valued customer of the run (temporary table, dropped at commit), filled by COPY
create temp table customer_clv (
  customer_id text primary key,
  p_alive numeric,
  expected_purchases numeric,
  expected_aov numeric,
  clv numeric
) on commit drop
