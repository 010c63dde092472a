-- Identity resolution: cleaned, pseudonymised identity observations, the links that join them,
-- resolved people and accounts with ids that stay stable across runs, and one customer per key.
-- Emails and phones never reach core.* in clear: only their HMAC-SHA256 (key SEGFLOW_PII_KEY).

create table core.identity_runs (
  run_id uuid primary key,
  first_resolved_at timestamptz not null default clock_timestamp()
);
comment on table core.identity_runs is 'Runs that resolved identities; the previous run (by first_resolved_at) is the one whose ids a run inherits.';

-- One row per distinct member (a record, or a shop customer number) of the run.
create table core.identity_members (
  run_id uuid not null,
  member_no integer not null,
  level text not null check (level in ('person', 'account')),
  source text not null,
  source_object text not null,
  source_id text not null,
  member_kind text not null,
  cluster_no integer,
  cluster_key text,
  account_key text,
  customer_key text,
  primary key (run_id, member_no)
);
create unique index identity_members_record on core.identity_members (run_id, level, source, source_object, source_id);
create index identity_members_customer on core.identity_members (run_id, customer_key);
comment on table core.identity_members is 'Every person record (contact, lead, shop customer, guest order) and account record of a run, with the resolved person or account (cluster_key) and customer (customer_key) it belongs to.';
comment on column core.identity_members.member_kind is 'contact, lead, customer (shop customer number), guest_order, account, email_domain (a company known only from its staff''s email domain).';
comment on column core.identity_members.cluster_key is 'Stable id of the resolved person (per_...) or account (acc_...).';
comment on column core.identity_members.account_key is 'For people: the account they work for (acc_...), null for individuals (B2C).';
comment on column core.identity_members.customer_key is 'The customer: the account for B2B people, the person for B2C, the account itself for account records.';

-- Cleaned identifying values, one row per distinct observation of a member (a shop customer seen on many orders keeps one row per distinct value set).
create table core.identity_records (
  run_id uuid not null,
  member_no integer not null,
  email_hash text,
  email_domain text,
  email_is_free_mail boolean,
  email_anagram_hash text,
  phone_hash text,
  country text,
  account_name text,
  name_key text,
  company_key text,
  domain text,
  account_ref text,
  contact_ref text
);
create index identity_records_run_member on core.identity_records (run_id, member_no);
comment on table core.identity_records is 'Cleaned identity observations. email_hash / phone_hash are HMAC-SHA256 of the normalised email and E.164 phone; the clear values stay in raw.*.';
comment on column core.identity_records.email_anagram_hash is 'HMAC of the email domain and the sorted letters of its local part: equal for two spellings that differ by swapped letters.';
comment on column core.identity_records.account_name is 'Accounts: the company name as the source spells it (company names are not personal data).';
comment on column core.identity_records.name_key is 'Accounts: the company name lower-cased, without legal form (Inc, GmbH, ...) and punctuation.';
comment on column core.identity_records.company_key is 'People: the employer name they typed, normalised like name_key.';
comment on column core.identity_records.account_ref is 'People: the CRM account id the record names (AccountId, ConvertedAccountId, associatedcompanyid, order account_id).';
comment on column core.identity_records.contact_ref is 'Leads: the contact id the lead was converted into.';

create table core.identity_links (
  run_id uuid not null,
  left_member_no integer not null,
  right_member_no integer not null,
  rule text not null,
  confidence numeric(4, 3) not null,
  primary key (run_id, left_member_no, right_member_no, rule)
);
comment on table core.identity_links is 'Why two members are one person or one account: the rule that joined them and its confidence. Shared-key rules link each member to the smallest member holding the key (a star), so links grow linearly.';

create table core.customers (
  run_id uuid not null,
  customer_key text not null,
  kind text not null check (kind in ('b2b', 'b2c')),
  account_name text,
  domain text,
  country text,
  people integer not null,
  records integer not null,
  primary key (run_id, customer_key)
);
comment on table core.customers is 'One row per resolved customer: an account (B2B, with the people who work there) or an individual (B2C).';

create table core.cleaning_counts (
  run_id uuid not null,
  stage text not null,
  rule text not null,
  field text not null,
  count bigint not null,
  primary key (run_id, stage, rule, field)
);
comment on table core.cleaning_counts is 'Per run: how many values each cleaning rule altered or dropped (e.g. email_lowercased, phone_impossible, country_unknown).';

create table segflow.customer_ids (
  customer_id text primary key,
  level text not null check (level in ('person', 'account')),
  first_run_id uuid not null,
  retired_in_run uuid
);
comment on table segflow.customer_ids is 'Registry of resolved person and account ids. An id is kept while its members stay together; a merge keeps the id of the previous cluster holding most members (ties: smallest id), a split gives the id to the part holding most of its members.';
