import type { CompanyParameters } from './companyParameters.js';
import { identityIn, IDENTITY_SYSTEMS } from './personIdentity.js';
import type { PersonSummary } from './personTimeline.js';
import { SYSTEM, type Population } from './population.js';
import { Draws, STREAM } from './randomDraws.js';
import { sfAccountId, sfContactId, sfLeadId, sfOpportunityId } from './sourceIds.js';
import { isoDate, salesforceDateTime } from './timeFormats.js';
import { COUNTRIES, INDUSTRIES, USD_RATES } from './vocabulary.js';

/** Salesforce REST sObjects (GET /services/data/v60.0/sobjects/<type>/<Id> shape), one JSON per line. */

const API = '/services/data/v60.0/sobjects';
const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Trade Show', 'Purchased List', 'Other'] as const;
export const OPPORTUNITY_STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost'] as const;

function attributes(type: string, id: string) {
  return { type, url: `${API}/${type}/${id}` };
}

export function accountRecord(parameters: CompanyParameters, population: Population, company: number): string {
  const { companies } = population;
  const country = COUNTRIES[companies.country[company]!]!;
  const draws = Draws.for(parameters.seed, STREAM.company, company, 1);
  const domain = companies.domains[company]!;
  // Websites are typed by hand: with or without scheme, www and trailing slash.
  const website = draws.pick([`www.${domain}`, `https://www.${domain}/`, `http://${domain}`, domain, `https://${domain.toUpperCase()}`]);
  const created = companies.createdMs[company]!;
  const id = sfAccountId(company);
  return JSON.stringify({
    attributes: attributes('Account', id),
    Id: id,
    Name: companies.names[company],
    Website: website,
    Industry: INDUSTRIES[companies.industry[company]!]!.salesforce,
    NumberOfEmployees: companies.employees[company],
    AnnualRevenue: Math.round(companies.annualRevenueUsd[company]! * (USD_RATES[country.currency] ?? 1)),
    CurrencyIsoCode: country.currency,
    BillingCountry: country.name,
    BillingState: draws.pick(country.states),
    BillingCity: draws.pick(country.cities),
    CreatedDate: salesforceDateTime(created),
    SystemModstamp: salesforceDateTime(created + draws.below(400) * 86_400_000),
  });
}

export function contactRecord(parameters: CompanyParameters, population: Population, person: number, summary: PersonSummary): string {
  const identity = identityIn(parameters, population, person, IDENTITY_SYSTEMS.salesforce);
  const company = population.people.company[person]!;
  const linked = company >= 0 && population.companies.hasSalesforceAccount[company] === 1 && (population.people.systems[person]! & SYSTEM.contactWithoutAccount) === 0;
  const id = sfContactId(person);
  return JSON.stringify({
    attributes: attributes('Contact', id),
    Id: id,
    AccountId: linked ? sfAccountId(company) : null,
    Email: identity.email,
    Phone: identity.phone,
    FirstName: identity.firstName,
    LastName: identity.lastName,
    Title: identity.title,
    MailingCountry: identity.country,
    CreatedDate: salesforceDateTime(summary.salesforceCreatedMs),
    SystemModstamp: salesforceDateTime(Math.max(summary.salesforceCreatedMs, summary.modifiedMs)),
  });
}

/** The person's lead (duplicate 0) or a second lead for the same person entered later (duplicate 1). */
export function leadRecord(parameters: CompanyParameters, population: Population, person: number, summary: PersonSummary, duplicate: 0 | 1): string {
  const { people, companies } = population;
  const systems = people.systems[person]!;
  const identity = identityIn(parameters, population, person, duplicate ? IDENTITY_SYSTEMS.salesforceDuplicateLead : IDENTITY_SYSTEMS.salesforce);
  const draws = Draws.for(parameters.seed, STREAM.noise, person, 20 + duplicate);
  const company = people.company[person]!;
  const converted = duplicate === 0 && (systems & SYSTEM.leadConverted) !== 0;
  const created = duplicate ? Math.min(summary.modifiedMs, summary.salesforceCreatedMs + draws.below(200) * 86_400_000) : summary.firstSeenMs;
  const convertedAt = converted ? summary.salesforceCreatedMs : null;
  const linkedAccount = company >= 0 && companies.hasSalesforceAccount[company] === 1 && (systems & SYSTEM.contactWithoutAccount) === 0;
  // Unconverted leads only name the company as text, sometimes differently from the account.
  const companyName = company >= 0 ? draws.pick([companies.names[company]!, companies.names[company]!.replace(/ \S+$/, ''), companies.names[company]!.toUpperCase()]) : '[not provided]';
  const id = sfLeadId(person, duplicate);
  return JSON.stringify({
    attributes: attributes('Lead', id),
    Id: id,
    Email: identity.email,
    Phone: identity.phone,
    FirstName: identity.firstName,
    LastName: identity.lastName,
    Company: companyName,
    Country: identity.country,
    LeadSource: draws.pick(LEAD_SOURCES),
    Status: converted ? 'Closed - Converted' : draws.pick(['Open - Not Contacted', 'Working - Contacted', 'Closed - Not Converted']),
    IsConverted: converted,
    ConvertedContactId: converted ? sfContactId(person) : null,
    ConvertedAccountId: converted && linkedAccount ? sfAccountId(company) : null,
    ConvertedDate: convertedAt === null ? null : isoDate(convertedAt),
    CreatedDate: salesforceDateTime(Math.min(created, convertedAt ?? created)),
    SystemModstamp: salesforceDateTime(Math.max(created, convertedAt ?? 0, duplicate ? created : summary.modifiedMs)),
  });
}

export interface OpportunityDraft {
  number: number;
  company: number;
  contactPerson: number;
  name: string;
  stage: string;
  amountUsd: number;
  createdMs: number;
  closeMs: number;
  modifiedMs: number;
}

export function opportunityRecord(population: Population, draft: OpportunityDraft, contactHasSalesforceId: boolean): string {
  const country = COUNTRIES[population.companies.country[draft.company]!]!;
  const closed = draft.stage.startsWith('Closed');
  const id = sfOpportunityId(draft.number);
  return JSON.stringify({
    attributes: attributes('Opportunity', id),
    Id: id,
    AccountId: sfAccountId(draft.company),
    ContactId: contactHasSalesforceId ? sfContactId(draft.contactPerson) : null,
    Name: draft.name,
    StageName: draft.stage,
    Amount: Math.round(draft.amountUsd * (USD_RATES[country.currency] ?? 1)),
    CurrencyIsoCode: country.currency,
    IsClosed: closed,
    IsWon: draft.stage === 'Closed Won',
    CloseDate: isoDate(draft.closeMs),
    CreatedDate: salesforceDateTime(draft.createdMs),
    SystemModstamp: salesforceDateTime(draft.modifiedMs),
  });
}
