import { readFileSync } from 'node:fs';
import type { Knex } from 'knex';

/**
 * The identity bench's ground truth, built inside PostgreSQL: companies, people and the records three
 * sources hold about them (bench.companies, bench.person_records, bench.account_records). Each record
 * keeps the person and company it really is, for scoring the resolution afterwards.
 */
export interface PopulationSize {
  people: number;
  companies: number;
  seed: number;
}

// Three-syllable stems × a trade: 20 × 20 × 20 × 25 distinct names, so company names are unique up to 200,000 companies
// (2.4M people); a larger population repeats names, as the real world does.
const NAME_PARTS = `
  array['ka', 'bre', 'lu', 'mor', 'ven', 'tal', 'qui', 'dra', 'sol', 'ne', 'fa', 'gri', 'pol', 'zen', 'ar', 'cor', 'mi', 'tre', 'vo', 'ha'] as s1,
  array['lo', 'ra', 'ni', 've', 'to', 'da', 'si', 'mu', 'ke', 'pe', 'ro', 'la', 'bi', 'xa', 'du', 'fe', 'go', 'ti', 'wa', 'ze'] as s2,
  array['rix', 'n', 'dor', 'tis', 'lia', 'mont', 'ford', 'ton', 'via', 'nova', 'tec', 'gen', 'lux', 'sys', 'dyn', 'med', 'fin', 'gate', 'wick', 'stone'] as s3,
  array['Systems', 'Logistics', 'Foods', 'Analytics', 'Labs', 'Partners', 'Holdings', 'Media', 'Robotics', 'Energy', 'Health', 'Textiles',
    'Consulting', 'Motors', 'Software', 'Pharma', 'Capital', 'Design', 'Networks', 'Materials', 'Travel', 'Security', 'Studios',
    'Instruments', 'Brewing'] as trade`;

const FIRST_NAMES = `array['james', 'mary', 'john', 'patricia', 'robert', 'jennifer', 'michael', 'linda', 'william', 'elizabeth', 'david', 'barbara',
  'richard', 'susan', 'joseph', 'jessica', 'thomas', 'sarah', 'charles', 'karen', 'oliver', 'amelia', 'harry', 'isla', 'jack', 'ava',
  'lukas', 'hannah', 'felix', 'lena', 'jonas', 'mia', 'noah', 'emma', 'liam', 'sophie', 'ethan', 'chloe', 'leon', 'clara']`;
const LAST_NAMES = `array['smith', 'johnson', 'williams', 'brown', 'jones', 'garcia', 'miller', 'davis', 'wilson', 'taylor', 'clark', 'lewis',
  'walker', 'hall', 'young', 'king', 'wright', 'scott', 'green', 'baker', 'evans', 'thomas', 'roberts', 'patel', 'wood', 'hughes',
  'mueller', 'schmidt', 'schneider', 'fischer', 'weber', 'meyer', 'wagner', 'becker', 'schulz', 'hoffmann', 'koch', 'richter']`;
const FREE_MAIL = `array['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'gmx.de', 'web.de', 'yahoo.co.uk', 'icloud.com']`;

export async function generatePopulation(db: Knex, size: PopulationSize): Promise<void> {
  await db.raw(readFileSync(new URL('./benchFunctions.sql', import.meta.url), 'utf8'));
  await db.raw('drop table if exists bench.companies, bench.people, bench.person_records, bench.account_records');
  const seed = size.seed;
  await db.raw(
    `create table bench.companies as
     with numbered as (
       -- 7919 is prime to 200,000: k runs over the names in a scattered order, so neighbouring companies do not share a stem.
       select c, (cast(c as bigint) * 7919) % 200000 as k, ${NAME_PARTS}, bench.unit(c, 62, ${seed}) as country_draw
       from generate_series(1, ${size.companies}) as c
     )
     select
       c as company_no,
       initcap(s1[1 + k % 20] || s2[1 + (k / 20) % 20] || s3[1 + (k / 400) % 20]) || ' ' || trade[1 + (k / 8000) % 25] as base_name,
       s1[1 + k % 20] || s2[1 + (k / 20) % 20] || s3[1 + (k / 400) % 20] || lower(trade[1 + (k / 8000) % 25])
         || case when country_draw < 0.5 then '.com' when country_draw < 0.8 then '.co.uk' else '.de' end as domain,
       case when country_draw < 0.5 then 'US' when country_draw < 0.8 then 'GB' else 'DE' end as country,
       bench.unit(c, 60, ${seed}) < 0.7 as in_crm,
       bench.unit(c, 61, ${seed}) < 0.6 as in_hubspot
     from numbered`,
  );
  await db.raw('alter table bench.companies add primary key (company_no)');
  // 60% of people work for a company (sizes skewed: a few large accounts, many small ones), the rest are consumers on free mail.
  // Each person is in one source (50%), two (35%) or all three (15%): bit 1 the CRM, 2 HubSpot, 4 Marketo.
  await db.raw(
    `create table bench.people as
     with drawn as (
       select
         n,
         case when bench.unit(n, 1, ${seed}) < 0.6 then 1 + floor(${size.companies} * bench.unit(n, 2, ${seed}) ^ 2) end as company_no,
         bench.unit(n, 3, ${seed}) as source_draw,
         bench.unit(n, 7, ${seed}) as local_draw,
         bench.pick(${FIRST_NAMES}, n, 5, ${seed}) as first_name,
         bench.pick(${LAST_NAMES}, n, 6, ${seed}) as last_name
       from generate_series(1, ${size.people}) as n
     ),

     placed as (
       select
         drawn.*,
         coalesce(companies.domain, bench.pick(${FREE_MAIL}, n, 8, ${seed})) as email_domain,
         coalesce(companies.country, bench.pick(array['US', 'US', 'GB', 'DE'], n, 9, ${seed})) as country
       from drawn
       left join bench.companies as companies using (company_no)
     )

     select
       n as person_no,
       cast(company_no as integer) as company_no,
       case
         when source_draw < 0.20 then 1 when source_draw < 0.37 then 2 when source_draw < 0.50 then 4
         when source_draw < 0.65 then 3 when source_draw < 0.75 then 5 when source_draw < 0.85 then 6 else 7
       end as sources,
       first_name,
       last_name,
       case
         when local_draw < 0.5 then first_name || '.' || last_name || n
         when local_draw < 0.8 then left(first_name, 1) || last_name || n
         else first_name || '_' || n
       end as email_local,
       email_domain,
       country,
       bench.person_nsn(country, n, ${seed}) as nsn
     from placed`,
  );
  await db.raw('alter table bench.people add primary key (person_no)');
}
