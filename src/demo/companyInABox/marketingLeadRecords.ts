import type { CompanyParameters } from './companyParameters.js';
import { identityIn, IDENTITY_SYSTEMS } from './personIdentity.js';
import type { PersonSummary } from './personTimeline.js';
import type { Population } from './population.js';
import { marketoLeadId, pardotProspectId } from './sourceIds.js';
import { isoSeconds, offsetDateTime } from './timeFormats.js';

/** Marketo lead (REST lead fields) and Pardot prospect (API v5 field names), one JSON per line. */

function companyName(population: Population, person: number): string | null {
  const company = population.people.company[person]!;
  return company >= 0 ? population.companies.names[company]! : null;
}

export function marketoLeadRecord(parameters: CompanyParameters, population: Population, person: number, summary: PersonSummary): string {
  const identity = identityIn(parameters, population, person, IDENTITY_SYSTEMS.marketo);
  const updated = Math.max(summary.marketoCreatedMs, summary.modifiedMs);
  return JSON.stringify({
    id: marketoLeadId(person),
    email: identity.email,
    firstName: identity.firstName,
    lastName: identity.lastName,
    phone: identity.phone,
    company: companyName(population, person),
    country: identity.country,
    createdAt: isoSeconds(summary.marketoCreatedMs),
    updatedAt: isoSeconds(updated),
  });
}

export function pardotProspectRecord(parameters: CompanyParameters, population: Population, person: number, summary: PersonSummary): string {
  const identity = identityIn(parameters, population, person, IDENTITY_SYSTEMS.pardot);
  const updated = Math.max(summary.pardotCreatedMs, summary.modifiedMs);
  return JSON.stringify({
    id: pardotProspectId(person),
    email: identity.email,
    firstName: identity.firstName,
    lastName: identity.lastName,
    company: companyName(population, person),
    country: identity.country,
    phone: identity.phone,
    createdAt: offsetDateTime(summary.pardotCreatedMs),
    updatedAt: offsetDateTime(updated),
  });
}
