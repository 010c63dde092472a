import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ADOBE_COLUMNS, ADOBE_EVENTS } from './adobeHits.js';
import { BillingExport } from './billingRows.js';
import type { CompanyManifest, ManifestFile } from './companyManifest.js';
import { resolveCompanyParameters, type CompanyOptions } from './companyParameters.js';
import { writeCompanyTruth, PEOPLE_TRUTH_COLUMNS } from './groundTruth.js';
import { LineWriter } from './lineWriter.js';
import { writeMarketingSpend } from './marketingSpend.js';
import { SEGMENT_NAMES } from './plantedSegments.js';
import { buildPopulation } from './population.js';
import { sourcesFileText } from './sourcesFile.js';
import { SupportExport } from './supportRows.js';
import { TimelineSpool } from './timelineSpool.js';
import { writeCompanies } from './writeCompanies.js';
import { writePeople } from './writePeople.js';
import { writeTimeline } from './writeTimeline.js';

export type { CompanyManifest, ManifestFile } from './companyManifest.js';
export type { CompanyOptions } from './companyParameters.js';

/** Folders and files a run owns inside outDir; cleared first so a smaller run leaves no stale days. */
const OWNED = ['salesforce', 'hubspot', 'marketo', 'pardot', 'ga4', 'adobe', 'exports', 'ground_truth', '.spool', 'manifest.json', 'segflow.sources.yaml'];

/**
 * "A company in a box": one seeded B2B + B2C population written in every source format segflow
 * reads (Salesforce, HubSpot, Marketo, Pardot records; GA4 and Adobe exports; billing, support and
 * spend CSVs), with the ground truth of who is who and which segment was planted. Same seed, same
 * bytes. Memory stays bounded: records stream to disk and dated records go through a month spool.
 */
export async function generateCompany(options: CompanyOptions): Promise<CompanyManifest> {
  const parameters = resolveCompanyParameters(options);
  const outDir = resolve(parameters.outDir);
  mkdirSync(outDir, { recursive: true });
  for (const name of OWNED) rmSync(join(outDir, name), { recursive: true, force: true });

  const population = buildPopulation(parameters);
  const files: ManifestFile[] = [];
  const open = (relative: string) => new LineWriter(join(outDir, relative));
  const done = async (writer: LineWriter, extra: Partial<ManifestFile> = {}) => {
    const file = await writer.close();
    files.push({ path: file.path.slice(outDir.length + 1).replaceAll('\\', '/'), records: file.records, bytes: file.bytes, ...extra });
  };

  const companyWriters = {
    accounts: open('salesforce/Account.ndjson'),
    opportunities: open('salesforce/Opportunity.ndjson'),
    hubspotCompanies: open('hubspot/companies.ndjson'),
    deals: open('hubspot/deals.ndjson'),
  };
  await writeCompanies(parameters, population, companyWriters);
  const companyTruth = open('ground_truth/companies.csv');
  await writeCompanyTruth(population, companyTruth);

  const spool = new TimelineSpool(parameters, join(outDir, '.spool'));
  try {
    const peopleWriters = {
      contacts: open('salesforce/Contact.ndjson'),
      leads: open('salesforce/Lead.ndjson'),
      hubspotContacts: open('hubspot/contacts.ndjson'),
      marketoLeads: open('marketo/leads.ndjson'),
      pardotProspects: open('pardot/prospects.ndjson'),
      truth: open('ground_truth/people.csv'),
    };
    peopleWriters.truth.header(PEOPLE_TRUTH_COLUMNS.join(','));
    const firstSeen = await writePeople(parameters, population, spool, peopleWriters);
    spool.finish();

    const billing = new BillingExport(parameters, population, open('exports/orders.csv.gz'), open('exports/order_lines.csv.gz'));
    const support = new SupportExport(open('exports/support_responses.csv'));
    const activityWriters = { marketoActivities: open('marketo/activities.ndjson'), pardotActivities: open('pardot/visitor-activities.ndjson') };
    const timeline = await writeTimeline(parameters, population, spool, firstSeen, outDir, { billing, support, ...activityWriters });

    await done(companyWriters.accounts);
    await done(peopleWriters.contacts);
    await done(peopleWriters.leads);
    await done(companyWriters.opportunities);
    await done(companyWriters.hubspotCompanies);
    await done(peopleWriters.hubspotContacts);
    await done(companyWriters.deals);
    await done(peopleWriters.marketoLeads);
    await done(activityWriters.marketoActivities);
    await done(peopleWriters.pardotProspects);
    await done(activityWriters.pardotActivities);
    await done(billing.orders, { badRows: billing.badOrders.counts });
    await done(billing.lines, { badRows: billing.badLines.counts });
    await done(support.writer, { badRows: support.bad.counts });
    const spend = open('exports/marketing_spend.csv');
    const spendBad = await writeMarketingSpend(parameters, spend);
    await done(spend, { badRows: spendBad.counts });
    const ga4Files = timeline.dailyFiles.filter((f) => f.path.startsWith('ga4/'));
    const adobeFiles = timeline.dailyFiles.filter((f) => f.path.startsWith('adobe/'));
    files.push(...ga4Files);
    const headers = open('adobe/column_headers.tsv');
    headers.push(ADOBE_COLUMNS.join('\t'));
    await done(headers);
    const events = open('adobe/event.tsv');
    for (const [id, name] of ADOBE_EVENTS) events.push(`${id}\t${name}`);
    await done(events);
    files.push(...adobeFiles);
    await done(peopleWriters.truth);
    await done(companyTruth);

    writeFileSync(join(outDir, 'segflow.sources.yaml'), sourcesFileText(parameters));
    const segments: Record<string, number> = Object.fromEntries(SEGMENT_NAMES.map((name) => [name, 0]));
    for (const s of population.people.segment) segments[SEGMENT_NAMES[s]!]! += 1;
    const manifest: CompanyManifest = {
      generator: 'company-in-a-box',
      version: 1,
      seed: parameters.seed,
      parameters: { customers: parameters.customers, startDate: parameters.startDate, endDate: parameters.endDate, days: parameters.days },
      population: {
        companies: population.companies.count,
        people: population.people.count,
        b2bPeople: population.people.b2bCount,
        b2cPeople: population.people.count - population.people.b2bCount,
        segments,
      },
      files,
      adobe: { excludedHits: timeline.excludedHits, dataSourceHits: timeline.dataSourceHits },
      groundTruth: { people: 'ground_truth/people.csv', companies: 'ground_truth/companies.csv' },
      sourcesFile: 'segflow.sources.yaml',
      totals: {
        files: files.length,
        records: files.reduce((sum, f) => sum + f.records, 0),
        bytes: files.reduce((sum, f) => sum + f.bytes, 0),
      },
    };
    writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    return manifest;
  } finally {
    spool.dispose();
  }
}
