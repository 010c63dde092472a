import { join } from 'node:path';
import { createHubspotApi, DEMO_HUBSPOT_TOKEN, loadHubspotObjects } from '../vendorApis/hubspotApi.js';
import { createMarketoApi, loadMarketoRecords } from '../vendorApis/marketoApi.js';
import { createPardotApi, loadPardotRecords } from '../vendorApis/pardotApi.js';
import { createSalesforceApi, DEMO_SALESFORCE_CLIENT, loadSalesforceRecords } from '../vendorApis/salesforceApi.js';

const MARKETO_CLIENT = { clientId: 'segflow-demo-client', clientSecret: 'segflow-demo-secret' } as const;

export interface VendorReplays {
  /** Placeholder name in the generated sources file → base URL of the local replay. */
  urls: Record<'SALESFORCE_URL' | 'HUBSPOT_URL' | 'MARKETO_URL' | 'PARDOT_URL', string>;
  /** The secrets the generated sources file names, as the replays accept them. */
  secrets: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Serves the generated Salesforce, HubSpot, Marketo and Pardot records from local replays of their
 * APIs, so the demo runs the real connectors (paging, tokens, bulk exports) without the internet.
 */
export async function startVendorReplays(companyDir: string): Promise<VendorReplays> {
  const salesforce = createSalesforceApi(await loadSalesforceRecords({
    Account: join(companyDir, 'salesforce/Account.ndjson'),
    Contact: join(companyDir, 'salesforce/Contact.ndjson'),
    Lead: join(companyDir, 'salesforce/Lead.ndjson'),
    Opportunity: join(companyDir, 'salesforce/Opportunity.ndjson'),
  }), DEMO_SALESFORCE_CLIENT);
  const hubspot = createHubspotApi(await loadHubspotObjects({
    companies: join(companyDir, 'hubspot/companies.ndjson'),
    contacts: join(companyDir, 'hubspot/contacts.ndjson'),
    deals: join(companyDir, 'hubspot/deals.ndjson'),
  }), { token: DEMO_HUBSPOT_TOKEN });
  const marketo = createMarketoApi(await loadMarketoRecords({
    leads: join(companyDir, 'marketo/leads.ndjson'),
    activities: join(companyDir, 'marketo/activities.ndjson'),
  }), MARKETO_CLIENT);
  const pardot = createPardotApi(await loadPardotRecords({
    prospects: join(companyDir, 'pardot/prospects.ndjson'),
    visitorActivities: join(companyDir, 'pardot/visitor-activities.ndjson'),
  }));
  const servers = [salesforce, hubspot, marketo.server, pardot.server];
  try {
    const [salesforceUrl, hubspotUrl, marketoUrl, pardotUrl] = await Promise.all(servers.map((server) => server.start()));
    return {
      urls: { SALESFORCE_URL: salesforceUrl!, HUBSPOT_URL: hubspotUrl!, MARKETO_URL: marketoUrl!, PARDOT_URL: pardotUrl! },
      secrets: {
        SALESFORCE_CLIENT_ID: DEMO_SALESFORCE_CLIENT.clientId,
        SALESFORCE_CLIENT_SECRET: DEMO_SALESFORCE_CLIENT.clientSecret,
        HUBSPOT_TOKEN: DEMO_HUBSPOT_TOKEN,
        MARKETO_CLIENT_ID: MARKETO_CLIENT.clientId,
        MARKETO_CLIENT_SECRET: MARKETO_CLIENT.clientSecret,
        PARDOT_TOKEN: pardot.accessToken,
        PARDOT_BUSINESS_UNIT_ID: pardot.businessUnitId,
      },
      stop: async () => {
        await Promise.all(servers.map((server) => server.stop()));
      },
    };
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    throw error;
  }
}
