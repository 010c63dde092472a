-- grain: one registry row per id minted by the run
insert into segflow.customer_ids (customer_id, level, first_run_id)
select cluster_key, level, cast(:run_id as uuid)
from identity_cluster_keys
where not inherited
on conflict (customer_id) do nothing
