-- grain: one update per member of the run: its connected component (the component's smallest member number)
update core.identity_members as members
set cluster_no = numbers.cluster_no
from identity_cluster_numbers as numbers
where members.run_id = :run_id and members.member_no = numbers.member_no
