-- Engagement, response and firmographic features for customers resolved from a sources file.
-- Null in Online Retail runs (no identities, no web, email or support data): null means "not
-- measured", 0 means "measured, none".

alter table segflow.customer_features
  add column sessions_90d integer,
  add column page_views_90d integer,
  add column days_since_last_visit integer,
  add column web_purchase_events_90d integer,
  add column emails_sent_90d integer,
  add column email_open_rate_90d numeric(8, 6),
  add column email_click_rate_90d numeric(8, 6),
  add column form_fills_365d integer,
  add column unsubscribed boolean,
  add column tickets_365d integer,
  add column csat_avg_365d numeric(6, 3),
  add column nps_last numeric(6, 2),
  add column industry text,
  add column employees integer,
  add column annual_revenue numeric(18, 2),
  add column annual_revenue_currency text,
  add column region text,
  add column country text,
  add column firmographic_tier text check (firmographic_tier in ('enterprise', 'mid-market', 'smb'));

comment on column segflow.customer_features.sessions_90d is 'Web sessions in the 90 days up to and including as_of, counted per web analytics source and the largest source taken (GA4 and Adobe often tag the same site, a sum would count a visit twice). Events reach a customer through user_id (the shop customer number) or through a browser (visitor id) signed in as exactly one customer on or before as_of. Null outside identity runs.';
comment on column segflow.customer_features.page_views_90d is 'Page views in the 90 days up to and including as_of (GA4 page_view events; Adobe hits other than link tracking), largest web source.';
comment on column segflow.customer_features.days_since_last_visit is 'as_of minus the date of the customer''s latest web event on or before as_of; null without one.';
comment on column segflow.customer_features.web_purchase_events_90d is 'Purchase events the web analytics recorded in the 90 days up to and including as_of, largest web source.';
comment on column segflow.customer_features.emails_sent_90d is 'Marketing emails sent to the customer''s contacts (Marketo leads, Pardot prospects) in the 90 days up to and including as_of.';
comment on column segflow.customer_features.email_open_rate_90d is 'Share of the emails sent in the 90-day window that the contact opened (an open of the same campaign on or before as_of); null when none was sent.';
comment on column segflow.customer_features.email_click_rate_90d is 'Share of the emails sent in the 90-day window with a click of the same campaign on or before as_of; null when none was sent.';
comment on column segflow.customer_features.form_fills_365d is 'Marketing form submissions in the 365 days up to and including as_of.';
comment on column segflow.customer_features.unsubscribed is 'True when any of the customer''s contacts unsubscribed from marketing email on or before as_of.';
comment on column segflow.customer_features.tickets_365d is 'Support tickets opened in the 365 days up to and including as_of (responses linked by the pseudonymised email).';
comment on column segflow.customer_features.csat_avg_365d is 'Mean CSAT score (1-5) of answers given in the 365 days up to and including as_of; null without one.';
comment on column segflow.customer_features.nps_last is 'Latest NPS answer (0-10) on or before as_of; null without one.';
comment on column segflow.customer_features.industry is 'B2B: the account''s industry as its most recently modified account record states it; null for individuals (B2C).';
comment on column segflow.customer_features.employees is 'B2B: employees, from the most recently modified account record that states it.';
comment on column segflow.customer_features.annual_revenue is 'B2B: annual revenue in annual_revenue_currency, from the most recently modified account record that states it.';
comment on column segflow.customer_features.annual_revenue_currency is 'Currency of annual_revenue as the record states it; null when the source does not say.';
comment on column segflow.customer_features.region is 'B2B: the account''s state or region.';
comment on column segflow.customer_features.country is 'B2B: the account''s country (ISO 3166 alpha-2, cleaned), the most common among its account records.';
comment on column segflow.customer_features.firmographic_tier is 'B2B size tier: enterprise (1000+ employees, or annual revenue of at least 100 million USD), mid-market (100-999 employees), smb (under 100 employees); null when the size is unknown or for B2C. Revenue in other currencies is not converted (no exchange rates are kept), so only employees place those accounts.';

-- A view's column list is fixed when it is created: recreate it so it shows the columns added since.
create or replace view segflow.current_features as
  select f.* from segflow.current_run r join segflow.customer_features f on f.run_id = r.run_id;
