-- grain: one identity record per email-domain account member of the run
insert into core.identity_records (run_id, member_no, domain)
select run_id, member_no, source_id
from identity_run_members
where run_id = :run_id and member_kind = 'email_domain'
