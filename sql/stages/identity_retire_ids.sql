-- grain: one update per id of the previous run that no cluster of this run carries (merged away or all members gone)
update segflow.customer_ids as ids
set retired_in_run = cast(:run_id as uuid)
where ids.retired_in_run is null
  and ids.first_run_id <> cast(:run_id as uuid)
  and not exists (select 1 from identity_cluster_keys as keys where keys.cluster_key = ids.customer_id)
