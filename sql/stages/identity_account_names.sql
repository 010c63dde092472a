-- grain: one row per distinct (account member, normalised name, domain, country) of the run, in blocking order
select members.member_no, records.name_key, records.domain, records.country
from core.identity_records as records
inner join identity_run_members as members using (run_id, member_no)
where records.run_id = :run_id and members.level = 'account' and records.name_key is not null
group by members.member_no, records.name_key, records.domain, records.country
order by records.name_key collate "C", members.member_no
