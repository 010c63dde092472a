import { DAY_MS, type CompanyParameters } from './companyParameters.js';
import { B2B_SEGMENT_WEIGHTS, B2C_SEGMENT_WEIGHTS } from './plantedSegments.js';
import { Draws, STREAM } from './randomDraws.js';
import { EmailCounter } from './uniqueEmails.js';
import {
  COMPANY_NOUNS, COMPANY_WORDS, COUNTRIES, COUNTRY_WEIGHTS, FIRST_NAMES, FREE_MAIL_DOMAINS, FREE_MAIL_WEIGHTS, GMAIL_DOMAIN_INDEX,
  INDUSTRIES, JOB_TITLES, LAST_NAMES, LEGAL_FORMS, TRAFFIC_WEIGHTS,
} from './vocabulary.js';

/** Which systems hold a record of the person (bit flags in Population.systems). */
export const SYSTEM = {
  salesforceContact: 1,
  contactWithoutAccount: 2,
  salesforceLead: 4,
  leadConverted: 8,
  duplicateLead: 16,
  hubspot: 32,
  hubspotDuplicate: 64,
  marketo: 128,
  pardot: 256,
  secondCustomerNumber: 512,
} as const;

export const TIER_NAMES = ['enterprise', 'mid_market', 'smb'] as const;

// Name lists repeat a few names across cultures; indices must map to distinct strings.
export const FIRST = Array.from(new Set<string>(FIRST_NAMES));
export const LAST = Array.from(new Set<string>(LAST_NAMES));

/** Share of people who are contacts at companies (the rest are B2C individuals). */
const B2B_SHARE = 0.4;
const CONTACTS_PER_COMPANY = 8;
/** Email domain value meaning "the company's own domain". */
export const COMPANY_DOMAIN = 255;

export interface Companies {
  count: number;
  names: string[];
  domains: string[];
  country: Uint8Array;
  industry: Uint8Array;
  tier: Uint8Array;
  employees: Uint32Array;
  annualRevenueUsd: Float64Array;
  createdMs: Float64Array;
  hasSalesforceAccount: Uint8Array;
  hasHubspotCompany: Uint8Array;
  firstPerson: Int32Array;
  personCount: Int32Array;
}

/** Static attributes of everyone; behaviour over time is drawn per person by personTimeline. */
export interface People {
  count: number;
  b2bCount: number;
  company: Int32Array;
  segment: Uint8Array;
  first: Uint16Array;
  last: Uint16Array;
  country: Uint8Array;
  title: Uint8Array;
  emailDomain: Uint8Array;
  /** The canonical email's local part style: 0 first.last, 1 firstlast, 2 flast, 3 first_last. */
  emailStyle: Uint8Array;
  /** Number appended to the local part to keep canonical emails unique (0: none). */
  emailNumber: Uint16Array;
  systems: Uint16Array;
  devices: Uint8Array;
  acquisition: Uint8Array;
}

export interface Population {
  companies: Companies;
  people: People;
}

export function slug(text: string): string {
  return text.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
}

export function emailLocalBase(first: string, last: string, style: number): string {
  const f = slug(first);
  const l = slug(last);
  if (style === 1) return f + l;
  if (style === 2) return f.slice(0, 1) + l;
  if (style === 3) return `${f}_${l}`;
  return `${f}.${l}`;
}

export function emailDomainOf(population: Population, person: number): string {
  const { people, companies } = population;
  const domainIndex = people.emailDomain[person]!;
  if (domainIndex === COMPANY_DOMAIN) return companies.domains[people.company[person]!]!;
  return FREE_MAIL_DOMAINS[domainIndex]!;
}

/** The person's real address, before any system's typos. */
export function canonicalEmail(population: Population, person: number): string {
  const { people } = population;
  const base = emailLocalBase(FIRST[people.first[person]!]!, LAST[people.last[person]!]!, people.emailStyle[person]!);
  const number = people.emailNumber[person]!;
  return `${base}${number > 0 ? number + 1 : ''}@${emailDomainOf(population, person)}`;
}

function buildCompanies(parameters: CompanyParameters, b2bPeople: number): Companies {
  const count = Math.max(3, Math.round(b2bPeople / CONTACTS_PER_COMPANY));
  const companies: Companies = {
    count,
    names: [],
    domains: [],
    country: new Uint8Array(count),
    industry: new Uint8Array(count),
    tier: new Uint8Array(count),
    employees: new Uint32Array(count),
    annualRevenueUsd: new Float64Array(count),
    createdMs: new Float64Array(count),
    hasSalesforceAccount: new Uint8Array(count),
    hasHubspotCompany: new Uint8Array(count),
    firstPerson: new Int32Array(count),
    personCount: new Int32Array(count),
  };
  const usedDomains = new Set<string>();
  const weights = new Float64Array(count);
  let weightSum = 0;
  for (let c = 0; c < count; c++) {
    const draws = Draws.for(parameters.seed, STREAM.company, c);
    const country = draws.weighted(COUNTRY_WEIGHTS);
    const tier = draws.weighted([5, 25, 70]);
    const word = draws.pick(COMPANY_WORDS);
    const noun = draws.pick(COMPANY_NOUNS);
    const info = COUNTRIES[country]!;
    const legal = draws.pick(LEGAL_FORMS[info.code] ?? ['Inc.']);
    let stem = slug(word + noun);
    let name = `${word} ${noun}`;
    for (let n = 2; usedDomains.has(`${stem}.${info.tld}`); n++) {
      stem = `${slug(word + noun)}${n}`;
      name = `${word} ${noun} ${n}`;
    }
    usedDomains.add(`${stem}.${info.tld}`);
    companies.names.push(`${name} ${legal}`);
    companies.domains.push(`${stem}.${info.tld}`);
    companies.country[c] = country;
    companies.industry[c] = draws.below(INDUSTRIES.length);
    companies.tier[c] = tier;
    const employees = tier === 0 ? draws.between(1000, 60000) : tier === 1 ? draws.between(100, 999) : draws.between(2, 99);
    companies.employees[c] = employees;
    companies.annualRevenueUsd[c] = Math.round(employees * draws.logNormal(160_000, 0.4) / 1000) * 1000;
    companies.createdMs[c] = parameters.startMs - draws.between(30, 1500) * DAY_MS + draws.below(DAY_MS);
    companies.hasSalesforceAccount[c] = draws.chance(0.95) ? 1 : 0;
    companies.hasHubspotCompany[c] = draws.chance(0.7) ? 1 : 0;
    weights[c] = (tier === 0 ? 6 : tier === 1 ? 2.5 : 1) * (0.5 + draws.uniform());
    weightSum += weights[c]!;
  }
  // Contacts are laid out company by company; every company gets at least one.
  let assigned = 0;
  for (let c = 0; c < count; c++) {
    const share = c === count - 1 ? b2bPeople - assigned : Math.max(1, Math.round((weights[c]! / weightSum) * b2bPeople));
    const n = Math.max(0, Math.min(share, b2bPeople - assigned - (count - 1 - c)));
    companies.firstPerson[c] = assigned;
    companies.personCount[c] = n;
    assigned += n;
  }
  return companies;
}

/** Draws the companies and people of one run; everything later is a function of these and the seed. */
export function buildPopulation(parameters: CompanyParameters): Population {
  const total = parameters.customers;
  const b2bWanted = Math.round(total * B2B_SHARE);
  const companies = buildCompanies(parameters, b2bWanted);
  const b2bCount = b2bWanted;
  const people: People = {
    count: total,
    b2bCount,
    company: new Int32Array(total).fill(-1),
    segment: new Uint8Array(total),
    first: new Uint16Array(total),
    last: new Uint16Array(total),
    country: new Uint8Array(total),
    title: new Uint8Array(total),
    emailDomain: new Uint8Array(total),
    emailStyle: new Uint8Array(total),
    emailNumber: new Uint16Array(total),
    systems: new Uint16Array(total),
    devices: new Uint8Array(total),
    acquisition: new Uint8Array(total),
  };
  for (let c = 0; c < companies.count; c++) {
    const from = companies.firstPerson[c]!;
    people.company.fill(c, from, from + companies.personCount[c]!);
  }
  const emails = new EmailCounter(total);
  for (let p = 0; p < total; p++) {
    const draws = Draws.for(parameters.seed, STREAM.person, p);
    const company = people.company[p]!;
    const b2b = company >= 0;
    people.segment[p] = draws.weighted(b2b ? B2B_SEGMENT_WEIGHTS : B2C_SEGMENT_WEIGHTS);
    const first = draws.below(FIRST.length);
    const last = draws.below(LAST.length);
    people.first[p] = first;
    people.last[p] = last;
    people.country[p] = b2b && draws.chance(0.85) ? companies.country[company]! : draws.weighted(COUNTRY_WEIGHTS);
    people.title[p] = draws.below(JOB_TITLES.length);
    const domain = b2b ? COMPANY_DOMAIN : draws.weighted(FREE_MAIL_WEIGHTS);
    const style = b2b ? draws.weighted([60, 10, 30, 0]) : draws.weighted([45, 25, 10, 20]);
    people.emailDomain[p] = domain;
    people.emailStyle[p] = style;
    const base = emailLocalBase(FIRST[first]!, LAST[last]!, style);
    // Gmail ignores dots, so john.smith and johnsmith are one mailbox: count them together.
    const key = `${domain === GMAIL_DOMAIN_INDEX ? base.replaceAll('.', '') : base}@${b2b ? companies.domains[company] : FREE_MAIL_DOMAINS[domain]}`;
    people.emailNumber[p] = emails.next(key);
    people.devices[p] = 1 + draws.weighted([55, 33, 12]);
    people.acquisition[p] = draws.weighted(TRAFFIC_WEIGHTS);
    let systems = 0;
    if (b2b) {
      if (draws.chance(0.85)) {
        systems |= SYSTEM.salesforceContact;
        if (draws.chance(0.05)) systems |= SYSTEM.contactWithoutAccount;
        if (draws.chance(0.3)) systems |= SYSTEM.salesforceLead | SYSTEM.leadConverted;
        if (draws.chance(0.05)) systems |= SYSTEM.duplicateLead;
      } else if (draws.chance(0.7)) {
        systems |= SYSTEM.salesforceLead;
      }
      if (draws.chance(0.75)) systems |= SYSTEM.hubspot;
      if (draws.chance(0.35)) systems |= SYSTEM.pardot;
    } else {
      if (draws.chance(0.1)) systems |= SYSTEM.salesforceLead;
      if (draws.chance(0.4)) systems |= SYSTEM.hubspot;
      if (draws.chance(0.1)) systems |= SYSTEM.pardot;
    }
    if ((systems & SYSTEM.hubspot) !== 0 && draws.chance(0.03)) systems |= SYSTEM.hubspotDuplicate;
    if (draws.chance(0.5)) systems |= SYSTEM.marketo;
    if (draws.chance(0.03)) systems |= SYSTEM.secondCustomerNumber;
    people.systems[p] = systems;
  }
  return { companies, people };
}
