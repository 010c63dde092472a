import type { CompanyParameters } from './companyParameters.js';
import { csvRow, type LineWriter } from './lineWriter.js';
import type { PersonSummary } from './personTimeline.js';
import { SEGMENT_NAMES } from './plantedSegments.js';
import { SYSTEM, TIER_NAMES, canonicalEmail, type Population } from './population.js';
import {
  customerNumber, hubspotCompanyId, hubspotContactId, marketoLeadId, pardotProspectId, sfAccountId, sfContactId, sfLeadId,
} from './sourceIds.js';
import { adobeVisitorKey, adobeVisitorOf, ga4PseudoIdOf } from './visitorIds.js';

/** ground_truth/people.csv and companies.csv: who is who in every system. Lists are "|"-separated. */

export const PEOPLE_TRUTH_COLUMNS = [
  'person_id', 'planted_segment', 'kind', 'company_id', 'canonical_email', 'salesforce_contact_ids', 'salesforce_lead_ids', 'hubspot_contact_ids',
  'marketo_lead_ids', 'pardot_prospect_ids', 'ga4_user_pseudo_ids', 'adobe_visitor_ids', 'order_customer_ids',
] as const;

export const COMPANY_TRUTH_COLUMNS = ['company_id', 'name', 'salesforce_account_id', 'hubspot_company_id', 'domain', 'tier'] as const;

export const personId = (person: number) => `P${String(person + 1).padStart(7, '0')}`;
export const companyId = (company: number) => `K${String(company + 1).padStart(6, '0')}`;

export function personTruthRow(parameters: CompanyParameters, population: Population, person: number, summary: PersonSummary): string {
  const { people } = population;
  const systems = people.systems[person]!;
  const company = people.company[person]!;
  const has = (flag: number) => (systems & flag) !== 0;
  const leads: string[] = [];
  if (has(SYSTEM.salesforceLead)) leads.push(sfLeadId(person, 0));
  if (has(SYSTEM.duplicateLead)) leads.push(sfLeadId(person, 1));
  const hubspot: string[] = [];
  if (has(SYSTEM.hubspot)) hubspot.push(hubspotContactId(person, 0));
  if (has(SYSTEM.hubspotDuplicate)) hubspot.push(hubspotContactId(person, 1));
  const pseudoIds: string[] = [];
  const visitors: string[] = [];
  for (let device = 0; device < 3; device++) {
    if (summary.ga4Devices & (1 << device)) pseudoIds.push(ga4PseudoIdOf(parameters.seed, person, device, summary.firstSeenMs));
    if (summary.adobeDevices & (1 << device)) visitors.push(adobeVisitorKey(...adobeVisitorOf(parameters.seed, person, device)));
  }
  const customers: string[] = [];
  if (summary.primaryCustomerUsed) customers.push(customerNumber(person, 0));
  if (summary.secondCustomerUsed) customers.push(customerNumber(person, 1));
  return csvRow([
    personId(person), SEGMENT_NAMES[people.segment[person]!], company >= 0 ? 'b2b' : 'b2c', company >= 0 ? companyId(company) : '',
    canonicalEmail(population, person), has(SYSTEM.salesforceContact) ? sfContactId(person) : '', leads.join('|'), hubspot.join('|'),
    has(SYSTEM.marketo) ? String(marketoLeadId(person)) : '', has(SYSTEM.pardot) ? String(pardotProspectId(person)) : '',
    pseudoIds.join('|'), visitors.join('|'), customers.join('|'),
  ]);
}

export async function writeCompanyTruth(population: Population, writer: LineWriter): Promise<void> {
  const { companies } = population;
  writer.header(COMPANY_TRUTH_COLUMNS.join(','));
  for (let c = 0; c < companies.count; c++) {
    const row = csvRow([
      companyId(c), companies.names[c], companies.hasSalesforceAccount[c] ? sfAccountId(c) : '', companies.hasHubspotCompany[c] ? hubspotCompanyId(c) : '',
      companies.domains[c], TIER_NAMES[companies.tier[c]!],
    ]);
    if (writer.push(row)) await writer.flush();
  }
}
