-- grain: one row per landed support response (in the transaction's support_response_emails) whose email belongs to exactly one customer of the run
-- Fills the temporary survey_response_customers the survey stage reads, matching pseudonymised emails as the support features do.
insert into survey_response_customers (source, source_object, source_id, customer_key)
with email_customers as (
  select records.email_hash, min(members.customer_key) as customer_key
  from core.identity_records as records
  inner join core.identity_members as members using (run_id, member_no)
  where records.run_id = :run_id and records.email_hash is not null and members.level = 'person'
  group by records.email_hash
  having count(distinct members.customer_key) = 1
),

final as (
  select responses.source, responses.source_object, responses.source_id, email_customers.customer_key
  from support_response_emails as responses
  inner join email_customers using (email_hash)
)

select * from final
