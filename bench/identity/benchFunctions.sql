-- Deterministic building blocks for the identity bench's synthetic people (bench schema of the bench database only).
-- Every random choice is a hash of (entity number, salt, seed): the same arguments give the same population.
create schema if not exists bench;

create or replace function bench.unit(n bigint, salt integer, seed bigint) returns double precision
language sql immutable parallel safe as $$
  select cast(hashint8extended(n * 256 + salt, seed) & 9007199254740991 as double precision) / 9007199254740992.0
$$;

create or replace function bench.pick(options text[], n bigint, salt integer, seed bigint) returns text
language sql immutable parallel safe as $$
  select options[1 + floor(bench.unit(n, salt, seed) * array_length(options, 1))]
$$;

-- A national significant number unique per person within each country: GB mobiles, US numbers, DE mobiles.
create or replace function bench.person_nsn(country text, n bigint, seed bigint) returns text
language sql immutable parallel safe as $$
  select case country
    when 'GB' then '7' || lpad(cast(n % 1000000000 as text), 9, '0')
    when 'DE' then '151' || lpad(cast(n % 100000000 as text), 8, '0')
    else bench.pick(array['212', '415', '617', '312', '646', '303'], n, 4, seed) || lpad(cast(n % 10000000 as text), 7, '0')
  end
$$;

-- A company's switchboard: one number for many staff, which the phone rule must not treat as a person.
create or replace function bench.company_nsn(country text, c bigint) returns text
language sql immutable parallel safe as $$
  select case country
    when 'GB' then '20' || lpad(cast(c % 100000000 as text), 8, '0')
    when 'DE' then '30' || lpad(cast(c % 100000000 as text), 8, '0')
    else '800' || lpad(cast(c % 10000000 as text), 7, '0')
  end
$$;

-- One source's spelling of a person's email: missing, a typo (substitution: unlinkable; adjacent swap: linkable),
-- gmail dots or +tag, upper or title case, padded with spaces, or clean.
create or replace function bench.email_variant(local text, domain text, n bigint, s integer, seed bigint) returns text
language plpgsql immutable parallel safe as $$
declare
  u double precision := bench.unit(n, 10 + s * 8, seed);
  k integer := 1 + floor(bench.unit(n, 11 + s * 8, seed) * greatest(length(local) - 1, 1));
  shape double precision := bench.unit(n, 12 + s * 8, seed);
  spelled text := local;
begin
  if u < 0.04 then return null; end if;
  if u < 0.06 then
    spelled := overlay(local placing case when substr(local, k, 1) = 'q' then 'z' else 'q' end from k for 1);
  elsif u < 0.08 then
    spelled := overlay(local placing substr(local, k + 1, 1) || substr(local, k, 1) from k for 2);
  elsif domain = 'gmail.com' and u < 0.20 then
    spelled := case when u < 0.14 then replace(local, '.', '') else local || '+news' end;
  end if;
  return case
    when shape < 0.15 then upper(spelled || '@' || domain)
    when shape < 0.25 then initcap(spelled) || '@' || domain
    when shape < 0.33 then ' ' || spelled || '@' || domain || ' '
    else spelled || '@' || domain
  end;
end
$$;

-- One source's spelling of a phone: missing, E.164, international with spaces, national, 00-prefixed or dashed.
create or replace function bench.phone_variant(country text, nsn text, n bigint, s integer, seed bigint) returns text
language plpgsql immutable parallel safe as $$
declare
  cc text := case country when 'GB' then '44' when 'DE' then '49' else '1' end;
  shape double precision := bench.unit(n, 14 + s * 8, seed);
begin
  if bench.unit(n, 13 + s * 8, seed) < 0.35 then return null; end if;
  if shape < 0.25 then return '+' || cc || nsn; end if;
  if shape < 0.45 then return '+' || cc || ' ' || substr(nsn, 1, 3) || ' ' || substr(nsn, 4, 3) || ' ' || substr(nsn, 7); end if;
  if shape < 0.85 then
    return case
      when cc = '1' then '(' || substr(nsn, 1, 3) || ') ' || substr(nsn, 4, 3) || '-' || substr(nsn, 7)
      else '0' || substr(nsn, 1, 4) || ' ' || substr(nsn, 5)
    end;
  end if;
  -- 00 is the international prefix in Europe; Americans write a leading 1 instead.
  if shape < 0.93 then return case when cc = '1' then '1-' || substr(nsn, 1, 3) || '-' || substr(nsn, 4, 3) || '-' || substr(nsn, 7) else '00' || cc || nsn end; end if;
  return case when cc = '1' then substr(nsn, 1, 3) || '-' || substr(nsn, 4, 3) || '-' || substr(nsn, 7) else '0' || substr(nsn, 1, 3) || '-' || substr(nsn, 4) end;
end
$$;

-- One source's spelling of a country: missing, ISO code, English or local name, or (rarely) a typo.
create or replace function bench.country_variant(country text, n bigint, s integer, seed bigint) returns text
language plpgsql immutable parallel safe as $$
declare
  u double precision := bench.unit(n, 15 + s * 8, seed);
begin
  if u < 0.08 then return null; end if;
  if u < 0.085 then return case country when 'GB' then 'Untied Kingdom' when 'DE' then 'Germnay' else 'Unted States' end; end if;
  return bench.pick(case country
    when 'GB' then array['GB', 'United Kingdom', 'UK', 'England', 'gb']
    when 'DE' then array['DE', 'Germany', 'Deutschland', 'de']
    else array['US', 'USA', 'United States', 'United States of America', 'us']
  end, n, 16 + s * 8, seed);
end
$$;

-- One source's spelling of a company name: the base name with a legal form of its country (or none), sometimes upper
-- case, rarely with a typo.
create or replace function bench.company_variant(base text, country text, c bigint, s integer, seed bigint) returns text
language plpgsql immutable parallel safe as $$
declare
  suffix text := bench.pick(case country
    when 'GB' then array[' Ltd', ' Ltd.', ' Limited', ' PLC', '']
    when 'DE' then array[' GmbH', ' AG', ' GmbH', ' SE', '']
    else array[' Inc', ' Inc.', ', Inc.', ' LLC', ' Corp.', ' Corporation', '']
  end, c, 17 + s * 8, seed);
  u double precision := bench.unit(c, 18 + s * 8, seed);
  k integer := 3 + floor(bench.unit(c, 19 + s * 8, seed) * (length(base) - 3));
  name text := base;
begin
  if u < 0.03 then name := overlay(base placing case when substr(base, k, 1) = 'e' then 'a' else 'e' end from k for 1); end if;
  name := name || suffix;
  return case when u > 0.9 then upper(name) else name end;
end
$$;
