-- grain: one update per member of the run, its only one: component, person or account id, account (people) and customer (the account for B2B people, the person for B2C, accounts themselves)
update core.identity_members as members
set
  cluster_no = keys.cluster_no,
  cluster_key = keys.cluster_key,
  account_key = case when keys.level = 'account' then keys.cluster_key else person_accounts.account_key end,
  customer_key = coalesce(case when keys.level = 'account' then keys.cluster_key else person_accounts.account_key end, keys.cluster_key)
from identity_member_keys as keys
left join identity_person_accounts as person_accounts on person_accounts.person_key = keys.cluster_key
where members.run_id = :run_id and members.member_no = keys.member_no
