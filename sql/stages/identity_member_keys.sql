-- grain: one row per member of the run: its level, connected component and the stable id of its person or account
create temporary table identity_member_keys on commit drop as
select members.member_no, members.level, numbers.cluster_no, keys.cluster_key
from identity_run_members as members
inner join identity_cluster_numbers as numbers using (member_no)
inner join identity_cluster_keys as keys on keys.level = members.level and keys.cluster_no = numbers.cluster_no
where members.run_id = :run_id
