-- Privacy by design: erasing a person (segflow forget), keeping them out of later extracts, and an
-- audit of erasures that holds no personal data.

-- The email as identity resolution compares it (mirror of src/identity/cleanEmail.ts): trimmed,
-- lower-cased, gmail local parts without dots and +tags. Finds every spelling of one mailbox in raw.*.
create or replace function core.normalised_email(value text) returns text
language sql immutable parallel safe as $$
  select case
    when split_part(lower(trim(value)), '@', 2) in ('gmail.com', 'googlemail.com')
      then replace(regexp_replace(split_part(lower(trim(value)), '@', 1), '[+].*$', ''), '.', '') || '@gmail.com'
    else nullif(lower(trim(value)), '')
  end
$$;

-- Keyed hashes only: a different HMAC message than the identity pseudonyms, so the list cannot be
-- joined to core.identity_records and holds nothing to search for once a person is erased.
create table raw.suppressed_identities (
  identity_kind text not null check (identity_kind in ('email', 'phone', 'record', 'reference')),
  identity_hash text not null,
  added_at timestamptz not null default now(),
  reason text not null,
  erasure_id uuid,
  primary key (identity_kind, identity_hash)
);
comment on table raw.suppressed_identities is 'People who must never land again: every extract rejects a record matching one of these as suppressed, with its values redacted.';
comment on column raw.suppressed_identities.identity_kind is 'email: normalised address; phone: E.164 number; record: source, object and id of a landed record; reference: source and id of a person other records point at (contact_source_id, customer_source_id, lead_source_id).';
comment on column raw.suppressed_identities.identity_hash is 'HMAC-SHA256 (key SEGFLOW_PII_KEY) of the kind and value under a suppression prefix; never equal to a core.* pseudonym.';
comment on column raw.suppressed_identities.reason is 'Why: erasure (segflow forget) or a note given by whoever added the row.';
comment on column raw.suppressed_identities.erasure_id is 'The segflow.erasures row that added it, if any.';

create table segflow.erasures (
  erasure_id uuid primary key,
  erased_at timestamptz not null default now(),
  requested_as text not null check (requested_as in ('email', 'customer', 'expired')),
  customer_ids text[] not null default '{}',
  suppressed integer not null default 0,
  row_counts jsonb not null default '{}'
);
comment on table segflow.erasures is 'Audit of segflow forget: when, how it was asked, the customer ids erased and rows erased per table. Holds no email, phone or pseudonym.';
comment on column segflow.erasures.requested_as is 'email (--email), customer (--customer) or expired (raw PII past SEGFLOW_RAW_RETENTION_DAYS).';
comment on column segflow.erasures.customer_ids is 'Resolved person and customer ids whose rows were erased (ids carry no personal data).';
comment on column segflow.erasures.suppressed is 'Rows added to raw.suppressed_identities.';
comment on column segflow.erasures.row_counts is 'Table name to rows erased (or, for expired, rows whose personal columns were cleared).';
