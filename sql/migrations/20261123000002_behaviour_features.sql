-- Behaviour features beyond RFM: purchase rhythm, recent windows, breadth and returns.

alter table segflow.customer_features
  add column inter_purchase_days numeric(10, 2),
  add column orders_30d integer not null default 0,
  add column revenue_30d numeric(16, 2) not null default 0,
  add column orders_90d integer not null default 0,
  add column revenue_90d numeric(16, 2) not null default 0,
  add column orders_365d integer not null default 0,
  add column revenue_365d numeric(16, 2) not null default 0,
  add column product_breadth integer not null default 0,
  add column return_rate numeric(10, 6);

comment on column segflow.customer_features.inter_purchase_days is 'Mean days between consecutive purchases: (last_purchase_date - first_purchase_date) / (frequency - 1); null with fewer than 2 purchases.';
comment on column segflow.customer_features.orders_30d is 'Purchase invoices in the 30 days up to and including as_of.';
comment on column segflow.customer_features.revenue_30d is 'Net revenue (purchases minus returns) in the 30 days up to and including as_of.';
comment on column segflow.customer_features.orders_90d is 'Purchase invoices in the 90 days up to and including as_of.';
comment on column segflow.customer_features.revenue_90d is 'Net revenue in the 90 days up to and including as_of.';
comment on column segflow.customer_features.orders_365d is 'Purchase invoices in the 365 days up to and including as_of.';
comment on column segflow.customer_features.revenue_365d is 'Net revenue in the 365 days up to and including as_of.';
comment on column segflow.customer_features.product_breadth is 'Distinct products (stock codes) bought, returns excluded.';
comment on column segflow.customer_features.return_rate is 'returned_revenue / gross_revenue; null without purchases.';

-- What every feature means, readable by BI tools as rows (the column comments, in one place).
create view segflow.feature_definitions as
  select a.attname as feature, format_type(a.atttypid, a.atttypmod) as data_type, d.description as definition
  from pg_attribute a
  join pg_class c on c.oid = a.attrelid
  join pg_namespace n on n.oid = c.relnamespace
  left join pg_description d on d.objoid = a.attrelid and d.objsubid = a.attnum
  where n.nspname = 'segflow' and c.relname = 'customer_features' and a.attnum > 0 and not a.attisdropped
  order by a.attnum;
comment on view segflow.feature_definitions is 'One row per column of customer_features with its definition.';
