-- Firmographic bands for B2B customers: size and revenue bands, age, parent account, normalised industry.
-- Null for individuals (B2C) and in runs without resolved identities.

alter table segflow.customer_features
  add column company_size_band text check (company_size_band in ('1-10', '11-100', '101-1000', '1000+')),
  add column revenue_band text check (revenue_band in ('<1M', '1M-10M', '10M-100M', '100M+')),
  add column years_in_operation integer,
  add column parent_account text,
  add column industry_normalised text,
  add column industry_code text;

comment on column segflow.customer_features.company_size_band is 'B2B: employees banded as 1-10, 11-100, 101-1000 or 1000+ (more than 1000); null when employees is unknown or for B2C.';
comment on column segflow.customer_features.revenue_band is 'B2B: annual_revenue banded as <1M, 1M-10M, 10M-100M or 100M+ in the account''s own currency (annual_revenue_currency; no exchange rates are kept, so bands of different currencies do not compare); null when revenue is unknown.';
comment on column segflow.customer_features.years_in_operation is 'B2B: the as_of year minus the founding year the newest account record states (Maven year_established, Salesforce YearStarted, HubSpot founded_year); null when no record states one.';
comment on column segflow.customer_features.parent_account is 'B2B: the parent account as the newest account record names it (Maven subsidiary_of, Salesforce ParentId, HubSpot hs_parent_company_id); null when none is named.';
comment on column segflow.customer_features.industry_normalised is 'B2B: industry lower-cased and trimmed, with & spelt and, and a short synonym list mapped (see stage customer_firmographic_bands); null when industry is.';
comment on column segflow.customer_features.industry_code is 'B2B: NAICS or SIC code from the newest account record that has one (Salesforce NaicsCode, then Sic), prefixed naics/ or sic/; null otherwise.';

-- A view's column list is fixed when it is created: recreate it so it shows the columns added since.
create or replace view segflow.current_features as
  select f.* from segflow.current_run r join segflow.customer_features f on f.run_id = r.run_id;
