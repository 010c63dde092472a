-- grain: one update per member of the run: the stable id of its person or account
update core.identity_members as members
set cluster_key = keys.cluster_key
from identity_cluster_keys as keys
where members.run_id = :run_id and members.level = keys.level and members.cluster_no = keys.cluster_no
