-- grain: one link per member and deterministic rule: each member holding a shared key joins the smallest member holding it (a star, so links grow linearly)
insert into core.identity_links (run_id, left_member_no, right_member_no, rule, confidence)
with people as (
  select records.*
  from core.identity_records as records
  inner join identity_run_members as members using (run_id, member_no)
  where records.run_id = :run_id and members.level = 'person'
),

accounts as (
  select records.*
  from core.identity_records as records
  inner join identity_run_members as members using (run_id, member_no)
  where records.run_id = :run_id and members.level = 'account'
),

keyed as (
  select 'email' as rule, 1.0 as confidence, email_hash as key, member_no from people where email_hash is not null
  union all
  select 'phone', 0.95, phone_hash, member_no from people
  -- A number behind more than two addresses is a switchboard or a household, not one person.
  where phone_hash in (select phone_hash from people where phone_hash is not null group by phone_hash having count(distinct email_hash) <= 2)
  union all
  -- Same domain, same letters in another order: a swapped-letters typo, when only two spellings share the letters.
  select 'email_swapped_letters', 0.9, email_anagram_hash, member_no from people
  where email_anagram_hash in (
    select email_anagram_hash from people where email_anagram_hash is not null group by email_anagram_hash having count(distinct email_hash) = 2
  )
  union all
  select 'account_domain', 0.98, domain, member_no from accounts where domain is not null
),

stars as (
  select rule, confidence, min(member_no) over (partition by rule, key) as left_member_no, member_no as right_member_no
  from keyed
),

converted_leads as (
  select distinct leads.member_no as left_member_no, contacts.member_no as right_member_no
  from people as leads
  inner join identity_run_members as lead_members on lead_members.run_id = leads.run_id and lead_members.member_no = leads.member_no
  inner join identity_run_members as contacts
    on contacts.run_id = leads.run_id and contacts.level = 'person' and contacts.member_kind = 'contact'
    and contacts.source = lead_members.source and contacts.source_id = leads.contact_ref
  where leads.contact_ref is not null
),

final as (
  select distinct cast(:run_id as uuid) as run_id, left_member_no, right_member_no, rule, cast(confidence as numeric(4, 3)) as confidence
  from stars
  where left_member_no <> right_member_no
  union all
  select distinct cast(:run_id as uuid), least(left_member_no, right_member_no), greatest(left_member_no, right_member_no), 'crm_converted_lead', 1.0
  from converted_leads
)

select * from final
