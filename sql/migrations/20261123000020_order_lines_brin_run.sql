-- core.order_lines is written a run at a time and read a run at a time (features, building orders, erasure),
-- never by line number. Its key (run_id, line_no) made cleaning sort a run's 10M accepted lines by their source
-- key only to number them in key order and grow the key at one edge: 40 of the 85 s of accepting them at 1M
-- customers, plus the key's upkeep. Landed lines are now numbered by the sort that picks their newest version,
-- and a BRIN summary on run_id finds a run's lines: an insert lands a run's lines on contiguous pages.
-- line_no stays unique within a run by construction (a row number, or the file's line for Online Retail).
alter table core.order_lines drop constraint order_lines_pkey;
create index order_lines_run on core.order_lines using brin (run_id) with (autosummarize = on);
