-- Bulk order-line loads: raw.order_lines finds a run's lines through a BRIN index on run_id instead of
-- a btree on (run_id, source). A bulk COPY lands each run's lines on contiguous pages, so one BRIN
-- range summary per 128 pages still narrows a run's lines to its own pages, while maintaining the
-- btree cost about 40% of PostgreSQL's time per COPYed row (bench/loadOrderLines.ts). autosummarize
-- summarises each filled range soon after it is written, so recent runs stay narrowed too.
drop index raw.order_lines_run_source;
create index order_lines_run on raw.order_lines using brin (run_id) with (autosummarize = on);
