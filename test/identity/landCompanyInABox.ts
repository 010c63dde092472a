import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { startVendorReplays } from '../../src/demo/b2bSuite/startVendorReplays.js';
import { loadSourcesFile } from '../../src/sources/config/loadSourcesFile.js';
import type { ObjectExtractSummary } from '../../src/sources/extractObject.js';
import { extractAllObjects } from '../support/extractAllObjects.js';

/** The sources identity resolution reads: people and accounts from the CRMs and marketing tools, shop customers from billing. */
export const IDENTITY_SOURCES = ['crm', 'hubspot', 'marketo', 'pardot', 'billing-orders'];

// Only the objects that hold people and accounts: activities, deals and web events do not change who is who.
const OBJECTS: ReadonlyArray<[string, string]> = [
  ['objects: [Account, Contact, Lead, Opportunity]', 'objects: [Account, Contact, Lead]'],
  ['objects: [companies, contacts, deals]', 'objects: [companies, contacts]'],
  ['objects: [leads, activities]', 'objects: [leads]'],
  ['objects: [prospects, visitor-activities]', 'objects: [prospects]'],
];

/**
 * Lands a generated company's people and accounts through the real connectors, its SaaS records served by the vendor replays;
 * with `everything`, every object of every source (web events, activities, orders, support too).
 */
export async function landCompanyInABox(db: Knex, companyDir: string, runId: string, everything = false): Promise<ObjectExtractSummary[]> {
  const replays = await startVendorReplays(companyDir);
  try {
    let text = await readFile(join(companyDir, 'segflow.sources.yaml'), 'utf8');
    text = text.replace(/\$\{(SALESFORCE_URL|HUBSPOT_URL|MARKETO_URL|PARDOT_URL)\}/g, (_, name: keyof typeof replays.urls) => replays.urls[name]);
    if (!everything) for (const [from, to] of OBJECTS) text = text.replace(from, to);
    const sourcesFile = join(companyDir, 'segflow.sources.identity.yaml');
    await writeFile(sourcesFile, text);
    const { connectors } = await loadSourcesFile(sourcesFile, { ...replays.secrets });
    const summaries: ObjectExtractSummary[] = [];
    for (const connector of connectors.filter((c) => everything || IDENTITY_SOURCES.includes(c.name))) {
      summaries.push(...(await extractAllObjects(db, connector, runId, true)));
    }
    return summaries;
  } finally {
    await replays.stop();
  }
}
