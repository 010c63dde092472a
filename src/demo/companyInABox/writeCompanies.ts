import { DAY_MS, type CompanyParameters } from './companyParameters.js';
import { hubspotCompanyRecord, hubspotDealRecord } from './hubspotRecords.js';
import type { LineWriter } from './lineWriter.js';
import { SYSTEM, type Population } from './population.js';
import { Draws, STREAM } from './randomDraws.js';
import { accountRecord, OPPORTUNITY_STAGES, opportunityRecord, type OpportunityDraft } from './salesforceRecords.js';
import { PRODUCTS } from './vocabulary.js';

export interface CompanyWriters {
  accounts: LineWriter;
  opportunities: LineWriter;
  hubspotCompanies: LineWriter;
  deals: LineWriter;
}

const OPEN_STAGES = OPPORTUNITY_STAGES.filter((s) => !s.startsWith('Closed'));

function opportunityDrafts(parameters: CompanyParameters, population: Population, company: number, firstNumber: number): OpportunityDraft[] {
  const { companies } = population;
  const draws = Draws.for(parameters.seed, STREAM.opportunity, company);
  const tier = companies.tier[company]!;
  const count = draws.poisson(tier === 0 ? 6 : tier === 1 ? 3 : 1.2);
  const people = companies.personCount[company]!;
  const drafts: OpportunityDraft[] = [];
  const lastMoment = parameters.endMs - 3_600_000;
  for (let i = 0; i < count && people > 0; i++) {
    const createdMs = parameters.startMs + Math.floor(draws.uniform() * (parameters.endMs - parameters.startMs - 10 * DAY_MS));
    const closeMs = createdMs + draws.between(14, 150) * DAY_MS;
    const stage = closeMs < lastMoment ? (draws.chance(0.55) ? 'Closed Won' : 'Closed Lost') : draws.pick(OPEN_STAGES);
    const modifiedMs = stage.startsWith('Closed') ? closeMs : createdMs + Math.floor(draws.uniform() * (lastMoment - createdMs));
    const product = draws.pick(PRODUCTS.filter((p) => p.business));
    drafts.push({
      number: firstNumber + i,
      company,
      contactPerson: companies.firstPerson[company]! + draws.below(people),
      name: `${companies.names[company]} - ${product.description.replace(/,.*$/, '')}`,
      stage,
      amountUsd: Math.round(draws.logNormal(tier === 0 ? 60_000 : tier === 1 ? 18_000 : 4_000, 0.6)),
      createdMs,
      closeMs,
      modifiedMs: Math.min(lastMoment, modifiedMs),
    });
  }
  return drafts;
}

/** Accounts, HubSpot companies, and the opportunities / deals of each company. */
export async function writeCompanies(parameters: CompanyParameters, population: Population, writers: CompanyWriters): Promise<void> {
  const { companies, people } = population;
  let opportunityNumber = 0;
  let dealNumber = 0;
  for (let c = 0; c < companies.count; c++) {
    const inSalesforce = companies.hasSalesforceAccount[c] === 1;
    const inHubspot = companies.hasHubspotCompany[c] === 1;
    if (inSalesforce && writers.accounts.push(accountRecord(parameters, population, c))) await writers.accounts.flush();
    if (inHubspot && writers.hubspotCompanies.push(hubspotCompanyRecord(parameters, population, c))) await writers.hubspotCompanies.flush();
    const drafts = opportunityDrafts(parameters, population, c, 0);
    for (const draft of drafts) {
      if (inSalesforce) {
        const hasContact = (people.systems[draft.contactPerson]! & SYSTEM.salesforceContact) !== 0;
        if (writers.opportunities.push(opportunityRecord(population, { ...draft, number: opportunityNumber++ }, hasContact))) await writers.opportunities.flush();
      }
      if (inHubspot && writers.deals.push(hubspotDealRecord(population, { ...draft, number: dealNumber++ }))) await writers.deals.flush();
    }
  }
}
