import type { CompanyParameters } from './companyParameters.js';
import { identityIn, IDENTITY_SYSTEMS } from './personIdentity.js';
import type { PersonSummary } from './personTimeline.js';
import type { OpportunityDraft } from './salesforceRecords.js';
import { SYSTEM, type Population } from './population.js';
import { Draws, STREAM } from './randomDraws.js';
import { hubspotCompanyId, hubspotContactId, hubspotDealId } from './sourceIds.js';
import { isoMillis } from './timeFormats.js';
import { COUNTRIES, INDUSTRIES, USD_RATES } from './vocabulary.js';

/** HubSpot CRM v3 objects as the list endpoints return them: every property value is a string or null. */

type Properties = Record<string, string | null>;

function crmObject(id: string, properties: Properties, createdMs: number, updatedMs: number, associations?: Record<string, { results: Array<{ id: string; type: string }> }>): string {
  return JSON.stringify({
    id,
    properties: { ...properties, hs_object_id: id },
    createdAt: isoMillis(createdMs),
    updatedAt: isoMillis(updatedMs),
    archived: false,
    ...(associations ? { associations } : {}),
  });
}

export function hubspotCompanyRecord(parameters: CompanyParameters, population: Population, company: number): string {
  const { companies } = population;
  const country = COUNTRIES[companies.country[company]!]!;
  const draws = Draws.for(parameters.seed, STREAM.company, company, 2);
  const created = companies.createdMs[company]! + draws.below(90) * 86_400_000;
  const updated = created + draws.below(500) * 86_400_000;
  const id = hubspotCompanyId(company);
  return crmObject(id, {
    name: draws.chance(0.9) ? companies.names[company]! : companies.names[company]!.replace(/ \S+$/, ''),
    domain: companies.domains[company]!,
    industry: INDUSTRIES[companies.industry[company]!]!.hubspot,
    numberofemployees: String(companies.employees[company]),
    annualrevenue: String(Math.round(companies.annualRevenueUsd[company]! * (USD_RATES[country.currency] ?? 1))),
    country: draws.chance(0.9) ? country.name : draws.pick(country.variants),
    state: draws.pick(country.states),
    city: draws.pick(country.cities),
    createdate: isoMillis(created),
    hs_lastmodifieddate: isoMillis(updated),
  }, created, updated);
}

function lifecycleStage(summary: PersonSummary): string {
  return summary.orders >= 3 ? 'evangelist' : summary.orders > 0 ? 'customer' : 'lead';
}

export function hubspotContactRecord(parameters: CompanyParameters, population: Population, person: number, summary: PersonSummary, duplicate: 0 | 1): string {
  const identity = identityIn(parameters, population, person, duplicate ? IDENTITY_SYSTEMS.hubspotDuplicate : IDENTITY_SYSTEMS.hubspot);
  const company = population.people.company[person]!;
  const draws = Draws.for(parameters.seed, STREAM.noise, person, 30 + duplicate);
  const linked = company >= 0 && population.companies.hasHubspotCompany[company] === 1 && draws.chance(0.9);
  const created = duplicate ? summary.hubspotCreatedMs + draws.below(300) * 86_400_000 : summary.hubspotCreatedMs;
  const createdMs = Math.min(created, summary.modifiedMs);
  const updated = Math.max(createdMs, summary.modifiedMs);
  const id = hubspotContactId(person, duplicate);
  const companyId = linked ? hubspotCompanyId(company) : null;
  return crmObject(id, {
    email: identity.email,
    firstname: identity.firstName,
    lastname: identity.lastName,
    phone: identity.phone,
    jobtitle: company >= 0 ? identity.title : null,
    country: draws.chance(0.7) ? identity.country : identity.countryCode,
    lifecyclestage: duplicate ? 'subscriber' : lifecycleStage(summary),
    associatedcompanyid: companyId,
    createdate: isoMillis(createdMs),
    lastmodifieddate: isoMillis(updated),
  }, createdMs, updated, companyId ? { companies: { results: [{ id: companyId, type: 'contact_to_company' }] } } : undefined);
}

const DEAL_STAGES: Readonly<Record<string, string>> = {
  Prospecting: 'appointmentscheduled',
  Qualification: 'qualifiedtobuy',
  'Needs Analysis': 'presentationscheduled',
  'Proposal/Price Quote': 'decisionmakerboughtin',
  'Negotiation/Review': 'contractsent',
  'Closed Won': 'closedwon',
  'Closed Lost': 'closedlost',
};

export function hubspotDealRecord(population: Population, draft: OpportunityDraft): string {
  const country = COUNTRIES[population.companies.country[draft.company]!]!;
  const companyId = hubspotCompanyId(draft.company);
  const hasContact = (population.people.systems[draft.contactPerson]! & SYSTEM.hubspot) !== 0;
  const id = hubspotDealId(draft.number);
  const associations: Record<string, { results: Array<{ id: string; type: string }> }> = {
    companies: { results: [{ id: companyId, type: 'deal_to_company' }] },
  };
  if (hasContact) associations.contacts = { results: [{ id: hubspotContactId(draft.contactPerson, 0), type: 'deal_to_contact' }] };
  return crmObject(id, {
    dealname: draft.name,
    amount: String(Math.round(draft.amountUsd * (USD_RATES[country.currency] ?? 1))),
    dealstage: DEAL_STAGES[draft.stage] ?? 'appointmentscheduled',
    pipeline: 'default',
    closedate: isoMillis(draft.closeMs),
    deal_currency_code: country.currency,
    createdate: isoMillis(draft.createdMs),
    hs_lastmodifieddate: isoMillis(draft.modifiedMs),
  }, draft.createdMs, draft.modifiedMs, associations);
}
