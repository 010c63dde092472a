-- core.orders is read by customer (features, CLV summaries, KPIs, erasure) and never looked up by order id
-- alone. It had two indexes, the key on (run_id, order_id) and one on (run_id, customer_id): whichever
-- order a run's orders were inserted in, one of them took millions of random inserts (the largest single
-- statement of cleaning at scale). One key that leads with the customer serves both reads, and a run's
-- orders inserted in key order grow it at one edge. An order id stays unique within a run by construction:
-- the build statements group lines by order id and join headers to them on it.
alter table core.orders drop constraint orders_pkey;
drop index core.orders_run_customer;
alter table core.orders add primary key (run_id, customer_id, order_id);
