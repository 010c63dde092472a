import type { CompanyParameters } from './companyParameters.js';
import { personTruthRow } from './groundTruth.js';
import { hubspotContactRecord } from './hubspotRecords.js';
import type { LineWriter } from './lineWriter.js';
import { marketoLeadRecord, pardotProspectRecord } from './marketingLeadRecords.js';
import { generatePersonTimeline } from './personTimeline.js';
import { SYSTEM, type Population } from './population.js';
import { contactRecord, leadRecord } from './salesforceRecords.js';
import type { TimelineSpool } from './timelineSpool.js';

export interface PeopleWriters {
  contacts: LineWriter;
  leads: LineWriter;
  hubspotContacts: LineWriter;
  marketoLeads: LineWriter;
  pardotProspects: LineWriter;
  truth: LineWriter;
}

async function put(writer: LineWriter, line: string): Promise<void> {
  if (writer.push(line)) await writer.flush();
}

/**
 * Pass one, person by person: draw the timeline (dated records go to the spool), then write the
 * person's CRM and marketing records and ground-truth row. Returns each person's first-seen time,
 * which the web trackers' cookie ids are derived from.
 */
export async function writePeople(parameters: CompanyParameters, population: Population, spool: TimelineSpool, writers: PeopleWriters): Promise<Float64Array> {
  const { people } = population;
  const firstSeen = new Float64Array(people.count);
  for (let p = 0; p < people.count; p++) {
    const summary = generatePersonTimeline(parameters, population, p, spool);
    firstSeen[p] = summary.firstSeenMs;
    const systems = people.systems[p]!;
    if (systems & SYSTEM.salesforceContact) await put(writers.contacts, contactRecord(parameters, population, p, summary));
    if (systems & SYSTEM.salesforceLead) await put(writers.leads, leadRecord(parameters, population, p, summary, 0));
    if (systems & SYSTEM.duplicateLead) await put(writers.leads, leadRecord(parameters, population, p, summary, 1));
    if (systems & SYSTEM.hubspot) await put(writers.hubspotContacts, hubspotContactRecord(parameters, population, p, summary, 0));
    if (systems & SYSTEM.hubspotDuplicate) await put(writers.hubspotContacts, hubspotContactRecord(parameters, population, p, summary, 1));
    if (systems & SYSTEM.marketo) await put(writers.marketoLeads, marketoLeadRecord(parameters, population, p, summary));
    if (systems & SYSTEM.pardot) await put(writers.pardotProspects, pardotProspectRecord(parameters, population, p, summary));
    await put(writers.truth, personTruthRow(parameters, population, p, summary));
  }
  return firstSeen;
}
