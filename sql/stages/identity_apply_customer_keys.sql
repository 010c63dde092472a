-- grain: one update per member of the run: its account (people) and its customer (the account for B2B people, the person for B2C, accounts themselves)
update core.identity_members as members
set
  account_key = case when members.level = 'account' then members.cluster_key else person_accounts.account_key end,
  customer_key = coalesce(case when members.level = 'account' then members.cluster_key else person_accounts.account_key end, members.cluster_key)
from core.identity_members as resolved
left join identity_person_accounts as person_accounts on person_accounts.person_key = resolved.cluster_key
where members.run_id = :run_id and resolved.run_id = members.run_id and resolved.member_no = members.member_no
