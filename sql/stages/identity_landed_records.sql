-- grain: one row per distinct identifying value set of a person or account record of the run's sources (newest landed version), in member order
with source_names as (
  select jsonb_array_elements_text(cast(:sources as jsonb)) as source
),

latest_contacts as (
  select distinct on (contacts.source, contacts.source_object, contacts.source_id) contacts.*
  from raw.contacts as contacts
  inner join source_names using (source)
  order by contacts.source, contacts.source_object, contacts.source_id, contacts.extracted_at desc, contacts.run_id
),

latest_leads as (
  select distinct on (leads.source, leads.source_object, leads.source_id) leads.*
  from raw.leads as leads
  inner join source_names using (source)
  order by leads.source, leads.source_object, leads.source_id, leads.extracted_at desc, leads.run_id
),

latest_accounts as (
  select distinct on (accounts.source, accounts.source_object, accounts.source_id) accounts.*
  from raw.accounts as accounts
  inner join source_names using (source)
  order by accounts.source, accounts.source_object, accounts.source_id, accounts.extracted_at desc, accounts.run_id
),

latest_orders as (
  select distinct on (orders.source, orders.source_object, orders.source_id) orders.*
  from raw.orders as orders
  inner join source_names using (source)
  order by orders.source, orders.source_object, orders.source_id, orders.extracted_at desc, orders.run_id
),

-- A shop customer is its customer number; an order without one (a guest checkout) stands for itself.
order_customers as (
  select
    source,
    case when nullif(trim(customer_source_id), '') is null then 'guest_order' else 'customer' end as source_object,
    coalesce(nullif(trim(customer_source_id), ''), source_id) as source_id,
    email,
    country,
    nullif(trim(account_source_id), '') as account_ref
  from latest_orders
),

people as (
  select
    'person' as level, source, source_object, source_id, 'contact' as member_kind, email, phone, country,
    coalesce(record ->> 'company', record ->> 'Company') as company, cast(null as text) as website, cast(null as text) as domain,
    nullif(trim(account_source_id), '') as account_ref, cast(null as text) as contact_ref
  from latest_contacts
  union all
  select
    'person', source, source_object, source_id, 'lead', email, phone, country, company, null, null,
    nullif(trim(converted_account_source_id), ''), nullif(trim(converted_contact_source_id), '')
  from latest_leads
  union all
  select distinct
    'person', source, source_object, source_id, source_object, email, cast(null as text), country, cast(null as text), cast(null as text),
    cast(null as text), account_ref, cast(null as text)
  from order_customers
),

accounts as (
  select
    'account' as level, source, source_object, source_id, 'account' as member_kind, cast(null as text) as email, cast(null as text) as phone,
    country, name as company, website, domain, cast(null as text) as account_ref, cast(null as text) as contact_ref
  from latest_accounts
),

final as (
  select * from people
  union all
  select * from accounts
)

select * from final
order by level collate "C", source collate "C", source_object collate "C", source_id collate "C", email collate "C", phone collate "C", country collate "C", company collate "C", account_ref collate "C"
