import { MARKETO_TYPE, PARDOT_TYPE } from './personTimeline.js';
import { marketoLeadId, pardotProspectId } from './sourceIds.js';
import { isoSeconds, offsetDateTime } from './timeFormats.js';
import { SITE_HOST, SITE_PAGES } from './vocabulary.js';

/** Marketo lead activities (GET /rest/v1/activities.json result items) and Pardot v5 visitor activities. */

const THEMES = ['Spring sale', 'New arrivals', 'Office ergonomics', 'Customer stories', 'Year-end offers', 'Product tips'] as const;
const FORMS = ['Contact sales', 'Newsletter sign-up', 'Download: office planning guide'] as const;
const LINKS = ['/products', '/business', '/blog/ergonomics-101'] as const;

export function campaignName(k: number, sendMs: number): string {
  return `Newsletter ${new Date(sendMs).toISOString().slice(0, 7)} - ${THEMES[k % THEMES.length]}`;
}

export function marketoActivityRow(guid: number, person: number, type: number, campaign: number, detail: number, atMs: number, campaignSendMs: number): string {
  let primaryId: number;
  let primaryValue: string;
  let campaignId: number | null = 2000 + campaign;
  let attributes: Array<{ name: string; value: string | number | boolean }>;
  if (type === MARKETO_TYPE.visitWebpage) {
    const [path] = SITE_PAGES[detail % SITE_PAGES.length]!;
    primaryId = 100 + (detail % SITE_PAGES.length);
    primaryValue = `www.deskandco.example${path}`;
    campaignId = null;
    attributes = [{ name: 'Webpage URL', value: path }, { name: 'Client IP Address', value: `203.0.113.${person % 250}` }, { name: 'Query Parameters', value: '' }];
  } else if (type === MARKETO_TYPE.fillOutForm) {
    primaryId = 300 + (detail % FORMS.length);
    primaryValue = FORMS[detail % FORMS.length]!;
    campaignId = null;
    attributes = [{ name: 'Webpage ID', value: 107 }, { name: 'Client IP Address', value: `203.0.113.${person % 250}` }];
  } else {
    primaryId = 5000 + campaign;
    primaryValue = campaignName(campaign, campaignSendMs);
    if (type === MARKETO_TYPE.clickEmail) attributes = [{ name: 'Link', value: SITE_HOST + LINKS[detail % LINKS.length]! }, { name: 'Device', value: 'Desktop' }, { name: 'Is Mobile Device', value: false }];
    else if (type === MARKETO_TYPE.openEmail) attributes = [{ name: 'Device', value: person % 3 === 0 ? 'iPhone' : 'Desktop' }, { name: 'Is Mobile Device', value: person % 3 === 0 }];
    else if (type === MARKETO_TYPE.emailBounced) attributes = [{ name: 'Category', value: '1' }, { name: 'Details', value: '550 5.1.1 The email account that you tried to reach does not exist' }];
    else attributes = [{ name: 'Campaign Run ID', value: 90_000 + campaign }];
  }
  return JSON.stringify({
    marketoGUID: String(guid),
    leadId: marketoLeadId(person),
    activityDate: isoSeconds(atMs),
    activityTypeId: type,
    campaignId,
    primaryAttributeValueId: primaryId,
    primaryAttributeValue: primaryValue,
    attributes,
  });
}

const PARDOT_TYPE_NAMES: Readonly<Record<number, string>> = {
  [PARDOT_TYPE.click]: 'Click', [PARDOT_TYPE.view]: 'View', [PARDOT_TYPE.success]: 'Success', [PARDOT_TYPE.sent]: 'Sent',
  [PARDOT_TYPE.open]: 'Open', [PARDOT_TYPE.unsubscribePage]: 'Unsubscribe Page', [PARDOT_TYPE.bounced]: 'Bounced',
};

const PARDOT_EMAIL_TYPES: ReadonlySet<number> = new Set([PARDOT_TYPE.sent, PARDOT_TYPE.open, PARDOT_TYPE.click, PARDOT_TYPE.bounced, PARDOT_TYPE.unsubscribePage]);

export function pardotActivityRow(id: number, person: number, type: number, campaign: number, detail: number, atMs: number, campaignSendMs: number): string {
  const email = PARDOT_EMAIL_TYPES.has(type);
  let details: string;
  if (email) details = campaignName(campaign, campaignSendMs);
  else if (type === PARDOT_TYPE.success) details = FORMS[detail % FORMS.length]!;
  else details = SITE_PAGES[detail % SITE_PAGES.length]![1];
  return JSON.stringify({
    id,
    prospectId: pardotProspectId(person),
    type,
    typeName: PARDOT_TYPE_NAMES[type] ?? 'Unknown',
    details,
    campaignId: email ? 3000 + campaign : null,
    emailId: email ? 6000 + campaign : null,
    formId: type === PARDOT_TYPE.success ? 400 + (detail % FORMS.length) : null,
    createdAt: offsetDateTime(atMs),
  });
}
