-- One run per source and as-of date at a time. A run claims its (source, as-of) when it starts; each
-- claim increments a fencing token, and a publish must still hold the latest token, so a timed-out
-- attempt of an older run can never overwrite the outputs of a newer one.

create table segflow.as_of_claims (
  source text not null,
  as_of date not null,
  run_id uuid not null references segflow.runs (run_id),
  fence bigint not null,
  claimed_at timestamptz not null default clock_timestamp(),
  released_at timestamptz,
  primary key (source, as_of)
);
comment on table segflow.as_of_claims is 'Which run may publish each source and as-of date: one row per (source, as_of), kept after release so the fencing token only grows.';
comment on column segflow.as_of_claims.source is 'Source of the claiming run (runs of different sources never compete).';
comment on column segflow.as_of_claims.as_of is 'As-of date claimed.';
comment on column segflow.as_of_claims.run_id is 'The run holding (or that last held) the claim; only it may publish this source and as-of.';
comment on column segflow.as_of_claims.fence is 'Fencing token: incremented by every new claim; a publish whose run carries an older token is refused.';
comment on column segflow.as_of_claims.claimed_at is 'When run_id claimed the date; a claim older than the claim timeout may be taken over.';
comment on column segflow.as_of_claims.released_at is 'When the holder published or failed; null while it runs.';

alter table segflow.runs add column fence bigint;
comment on column segflow.runs.fence is 'Fencing token of the run''s claim on its source and as-of (segflow.as_of_claims); null for runs started before fencing.';
