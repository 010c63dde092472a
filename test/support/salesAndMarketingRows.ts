import type { Knex } from 'knex';

/**
 * A small company, landed as raw rows, whose quarter 2026-Q3 KPIs can be worked out by hand
 * (test/db/kpiPipelineSpendSurveys.test.ts does). Sources: shop (orders), crm (accounts, contacts,
 * leads, opportunities, marketing events), ads (spend), helpdesk (surveys).
 *
 * Customers: Ann, Ben, Cat (people, free-mail addresses) and Acme (an account; Eve and Frank work there).
 * Dan, Gil and Old are leads who never buy; Zeta is an account that never buys.
 */
export const SOURCES = ['ads', 'crm', 'helpdesk', 'shop'] as const;

const order = (id: string, customer: string, email: string, day: string, total: number) => ({
  source: 'shop', source_object: 'orders', source_id: id, customer_source_id: customer, email, ordered_at: `${day}T12:00:00Z`, total, currency: 'USD',
});
const contact = (id: string, email: string, account: string | null = null) => ({
  source: 'crm', source_object: 'Contact', source_id: id, email, account_source_id: account,
});
const lead = (id: string, email: string, created: string, company: string | null = null) => ({
  source: 'crm', source_object: 'Lead', source_id: id, email, company, created_at_source: `${created}T09:00:00Z`,
});
const opportunity = (id: string, account: string | null, contactId: string | null, closed: boolean, won: boolean, closeDate: string) => ({
  source: 'crm', source_object: 'Opportunity', source_id: id, account_source_id: account, contact_source_id: contactId,
  stage: closed ? (won ? 'Closed Won' : 'Closed Lost') : 'Negotiation', amount: 1000, currency: 'USD', is_closed: closed, is_won: won, close_date: closeDate,
});
const numbered = <T extends object>(prefix: string, rows: T[]) => rows.map((row, i) => ({ ...row, source_id: `${prefix}${i + 1}` }));
const event = (contactId: string, type: string, campaign: string, day: string, channel = 'email') => ({
  source: 'crm', source_object: 'CampaignMember', contact_source_id: contactId, event_type: type, campaign, channel,
  occurred_at: `${day}T08:00:00Z`,
});
const spend = (campaign: string | null, channel: string, from: string, to: string, amount: number, currency = 'USD') => ({
  source: 'ads', source_object: 'spend', campaign, channel, period_start: from, period_end: to, amount, currency,
});
const survey = (email: string, kind: string, score: number | null, day: string) => ({
  source: 'helpdesk', source_object: 'responses', email, kind, score, opened_at: `${day}T10:00:00Z`,
});

export const ROWS = {
  'raw.orders': [
    order('o1', 'S1', 'ann@gmail.com', '2026-05-10', 100),
    order('o2', 'S1', 'ann@gmail.com', '2026-07-15', 200),
    order('o3', 'S2', 'ben@gmail.com', '2026-06-01', 50),
    order('o4', 'S3', 'cat@gmail.com', '2026-08-01', 300),
    order('o5', 'S4', 'eve@acme.example', '2026-03-01', 400),
    order('o6', 'S4', 'eve@acme.example', '2026-09-01', 1000),
    order('o7', 'S4', 'eve@acme.example', '2026-09-05', -100),
  ],
  'raw.accounts': [
    { source: 'crm', source_object: 'Account', source_id: 'a-acme', name: 'Acme Corp', domain: 'acme.example' },
    { source: 'crm', source_object: 'Account', source_id: 'a-zeta', name: 'Zeta Ltd', domain: 'zeta.example' },
  ],
  'raw.contacts': [contact('c-ann', 'ann@gmail.com'), contact('c-ben', 'ben@gmail.com'), contact('c-eve', 'eve@acme.example', 'a-acme')],
  'raw.leads': [
    lead('l-cat', 'cat@gmail.com', '2026-07-05'),
    lead('l-dan', 'dan@gmail.com', '2026-08-10'),
    lead('l-ben', 'ben@gmail.com', '2026-07-10'),
    lead('l-frank', 'frank@acme.example', '2026-08-01', 'Acme Corp'),
    lead('l-gil', 'gil@gmail.com', '2026-09-29'),
    lead('l-old', 'old@gmail.com', '2026-05-01'),
  ],
  'raw.opportunities': [
    opportunity('op1', 'a-acme', null, true, true, '2026-08-20'),
    opportunity('op2', 'a-acme', null, true, false, '2026-09-10'),
    opportunity('op3', 'a-zeta', null, true, true, '2026-07-20'),
    opportunity('op4', 'a-acme', null, false, false, '2026-09-25'),
    opportunity('op5', 'a-acme', null, true, true, '2026-06-15'),
    opportunity('op6', null, 'c-ann', true, false, '2026-07-30'),
  ],
  'raw.marketing_events': numbered('ev', [
    event('c-ann', 'send', 'Summer_Sale', '2026-07-02'),
    event('c-ann', 'click', 'Summer_Sale', '2026-07-03'),
    event('l-cat', 'send', 'summer_sale ', '2026-07-06'),
    event('l-dan', 'send', 'Summer_Sale', '2026-08-11'),
    event('c-eve', 'form_fill', 'b2b_webinar', '2026-08-15', 'events'),
    event('c-ben', 'send', 'winback', '2026-06-20'),
    event('c-ben', 'bounce', 'winback', '2026-07-10'),
    event('c-ann', 'open', 'newsletter', '2026-08-01'),
    event('c-ben', 'open', 'newsletter', '2026-08-02'),
  ]),
  'raw.marketing_spend': numbered('sp', [
    spend('Summer_Sale', 'paid_social', '2026-07-01', '2026-07-31', 3100),
    spend('Summer_Sale', 'paid_social', '2026-06-16', '2026-07-15', 3000),
    spend('Summer_Sale', 'paid_social', '2026-04-01', '2026-04-30', 999),
    spend('b2b_webinar', 'events', '2026-08-01', '2026-08-31', 620),
    spend('winback', 'email', '2026-07-01', '2026-09-30', 920),
    spend(null, 'display', '2026-09-01', '2026-09-30', 300),
  ]),
  'raw.support_responses': numbered('r', [
    survey('ann@gmail.com', 'csat', 4, '2026-07-20'),
    survey('ann@gmail.com', 'nps', 10, '2026-08-01'),
    survey('ann@gmail.com', 'csat', 1, '2026-06-30'),
    survey('ben@gmail.com', 'csat', 2, '2026-08-05'),
    survey('ben@gmail.com', 'nps', 7, '2026-08-06'),
    survey('ben@gmail.com', 'ticket', null, '2026-08-01'),
    survey('cat@gmail.com', 'nps', 9, '2026-09-01'),
    survey('eve@acme.example', 'csat', 5, '2026-09-02'),
    survey('eve@acme.example', 'nps', 10, '2026-09-03'),
    survey('eve@acme.example', 'nps', null, '2026-09-04'),
    survey('unknown@gmail.com', 'csat', 1, '2026-07-30'),
    survey('unknown@gmail.com', 'nps', 3, '2026-07-31'),
  ]),
} as const;

/** Lands ROWS under `runId` and records that the run extracted each source, as a sources-file run would. */
export async function landSalesAndMarketingRows(db: Knex, runId: string): Promise<void> {
  for (const [table, rows] of Object.entries(ROWS)) await db(table).insert(rows.map((row) => ({ run_id: runId, ...row })));
  const objects = new Set(Object.values(ROWS).flat().map((row) => `${row.source}|${row.source_object}`));
  await db('raw.extract_checkpoints').insert([...objects].map((key) => {
    const [source, sourceObject] = key.split('|');
    return { run_id: runId, source, source_object: sourceObject, done: true };
  }));
}
