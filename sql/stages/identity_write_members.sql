-- grain: one row per member of the run, written once with its component, person or account id, account (people) and customer (the account for B2B people, the person for B2C, accounts themselves)
-- Members wait in the temporary identity_run_members until their keys are known: one insert in member order
-- instead of an UPDATE of every row, which rewrote the row and all three indexes (half the stage at 3M customers).
insert into core.identity_members (
  run_id, member_no, level, source, source_object, source_id, member_kind, cluster_no, cluster_key, account_key, customer_key
)
with keyed as (
  select
    members.run_id,
    members.member_no,
    members.level,
    members.source,
    members.source_object,
    members.source_id,
    members.member_kind,
    keys.cluster_no,
    keys.cluster_key,
    case when members.level = 'account' then keys.cluster_key else person_accounts.account_key end as account_key
  from identity_run_members as members
  left join identity_member_keys as keys using (member_no)
  left join identity_person_accounts as person_accounts on person_accounts.person_key = keys.cluster_key
  where members.run_id = :run_id
),

final as (
  select
    run_id, member_no, level, source, source_object, source_id, member_kind, cluster_no, cluster_key, account_key,
    coalesce(account_key, cluster_key) as customer_key
  from keyed
)

select * from final
order by member_no
