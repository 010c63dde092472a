import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityRunner } from '../support/runActivities.js';
import { landSalesAndMarketingRows, SOURCES } from '../support/salesAndMarketingRows.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

// The company of test/support/salesAndMarketingRows.ts, quarter 2026-Q3 (previous quarter 2026-Q2). The test gives the
// segments itself so every number below can be worked out by hand from those rows.
const AS_OF = '2026-09-30';
const runId = randomUUID();
let database: TestDatabase;
let runner: ReturnType<typeof activityRunner>;

type Row = Record<string, unknown>;
const num = (value: unknown) => (value === null ? null : Number(value));

async function snapshot(scheme: string, segmentId: number): Promise<Row> {
  return database.db('segflow.kpi_snapshots').where({ run_id: runId, scheme, segment_id: segmentId }).first();
}

function pick(row: Row, columns: string[]): Record<string, number | null> {
  return Object.fromEntries(columns.map((c) => [c, num(row[c])]));
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  runner = activityRunner(db);
  await landSalesAndMarketingRows(db, runId);
  await runner.call('resolveIdentities', { runId, sources: [...SOURCES] });
  await runner.call('cleanOrders', { runId, sources: [...SOURCES] });
  await runner.call('computeFeatures', { runId, asOf: AS_OF });
  await runner.call('fitClv', { runId, asOf: AS_OF });
  const customerOf = async (shopCustomer: string) =>
    (await db('core.identity_members').where({ run_id: runId, source: 'shop', source_object: 'customer', source_id: shopCustomer }).first('customer_key')).customer_key as string;
  const [ann, ben, cat, acme] = await Promise.all(['S1', 'S2', 'S3', 'S4'].map(customerOf));
  const segment = (segmentId: number, label: string) => ({ run_id: runId, scheme: 'rfm', segment_id: segmentId, label, description: label, customers: 2, customer_share: 0.5, monetary: 0 });
  await db('segflow.segments').insert([segment(1, 'Ann and Ben'), segment(2, 'Cat and Acme')]);
  await db('segflow.customer_segments').insert([[ann, 1], [ben, 1], [cat, 2], [acme, 2]].map(([customer, segmentId]) => ({ run_id: runId, scheme: 'rfm', customer_id: customer, segment_id: segmentId })));
  await runner.call('computeKpis', { runId, asOf: AS_OF });
}, 180_000);
afterAll(async () => database?.drop());

describe('orders and retention', () => {
  const columns = ['customers', 'new_customers', 'active_customers', 'orders', 'revenue', 'aov', 'purchase_frequency', 'clv_historical', 'retention_base', 'retained_customers', 'retention_rate', 'churn_rate'];

  it('counts each segment and all customers', async () => {
    // Q3 orders: Ann 200; Cat 300 (her first); Acme 1000 and a return of 100. Q2 buyers: Ann, Ben.
    expect(pick(await snapshot('rfm', 1), columns)).toEqual({
      customers: 2, new_customers: 0, active_customers: 1, orders: 1, revenue: 200, aov: 200, purchase_frequency: 1,
      clv_historical: 175, retention_base: 2, retained_customers: 1, retention_rate: 0.5, churn_rate: 0.5,
    });
    expect(pick(await snapshot('rfm', 2), columns)).toEqual({
      customers: 2, new_customers: 1, active_customers: 2, orders: 2, revenue: 1200, aov: 650, purchase_frequency: 1,
      clv_historical: 800, retention_base: 0, retained_customers: 0, retention_rate: null, churn_rate: null,
    });
    expect(pick(await snapshot('all', 0), columns)).toEqual({
      customers: 4, new_customers: 1, active_customers: 3, orders: 3, revenue: 1400, aov: 500, purchase_frequency: 1,
      clv_historical: 487.5, retention_base: 2, retained_customers: 1, retention_rate: 0.5, churn_rate: 0.5,
    });
  });

  it('says why retention is null for a segment nobody bought from last quarter', async () => {
    const { null_reasons: reasons } = await snapshot('rfm', 2);
    expect(reasons).toMatchObject({ retention_rate: 'no customer of the segment purchased in 2026-Q2', churn_rate: 'no customer of the segment purchased in 2026-Q2' });
  });

  it('averages the predicted CLV of the segment\'s customers', async () => {
    const predicted = await database.db('segflow.customer_features').where({ run_id: runId }).avg<{ mean: string }[]>({ mean: 'clv_predicted_365d' });
    expect(num((await snapshot('all', 0)).clv_predicted)).toBe(Math.round(Number(predicted[0]!.mean) * 100) / 100);
  });
});

describe('pipeline', () => {
  const columns = ['leads', 'converted_leads', 'lead_conversion_rate', 'opportunities_closed', 'opportunities_won', 'win_rate'];

  it('converts a lead whose customer buys after it was created', async () => {
    // Q3 leads: Cat (buys 08-01), Dan, Ben (bought only in June), Frank of Acme (Acme buys 09-01), Gil.
    // Closed in Q3: Acme won and lost, Zeta won (not a customer), Ann's contact lost.
    expect(pick(await snapshot('all', 0), columns)).toEqual({
      leads: 5, converted_leads: 2, lead_conversion_rate: 0.4, opportunities_closed: 4, opportunities_won: 2, win_rate: 0.5,
    });
  });

  it('gives segments their accounts\' and contacts\' opportunities, and no leads', async () => {
    expect(pick(await snapshot('rfm', 1), columns)).toEqual({
      leads: null, converted_leads: null, lead_conversion_rate: null, opportunities_closed: 1, opportunities_won: 0, win_rate: 0,
    });
    expect(pick(await snapshot('rfm', 2), columns)).toMatchObject({ opportunities_closed: 2, opportunities_won: 1, win_rate: 0.5 });
    expect((await snapshot('rfm', 2)).null_reasons).toMatchObject({ lead_conversion_rate: 'a lead has no segment; see the all-customers row' });
  });
});

describe('marketing spend', () => {
  const columns = ['marketing_spend', 'cac', 'roi'];

  it('prorates the period\'s spend and splits each campaign evenly over the customers it reached', async () => {
    // Summer sale: 3100 + 3000 × 15/30 days = 4600, reaching Ann, Cat and Dan (a lead) → 4600/3 each.
    // Webinar: 620, reaching Acme. Winback 920 (a bounce only) and 300 without a campaign reach nobody.
    expect(pick(await snapshot('rfm', 1), columns)).toEqual({ marketing_spend: 1533.33, cac: null, roi: -0.869565 });
    expect(pick(await snapshot('rfm', 2), columns)).toEqual({ marketing_spend: 2153.33, cac: 2153.33, roi: -0.442724 });
    expect(pick(await snapshot('all', 0), columns)).toEqual({ marketing_spend: 6440, cac: 6440, roi: -0.782609 });
    expect((await snapshot('rfm', 1)).null_reasons).toMatchObject({ cac: 'no new customers in 2026-Q3' });
  });

  it('gives no spend KPIs for a quarter whose spend comes in several currencies', async () => {
    await database.db('raw.marketing_spend').where({ run_id: runId, campaign: 'winback' }).update({ currency: 'EUR' });
    await runner.call('computeKpis', { runId, asOf: AS_OF });
    const all = await snapshot('all', 0);
    await database.db('raw.marketing_spend').where({ run_id: runId, campaign: 'winback' }).update({ currency: 'USD' });
    await runner.call('computeKpis', { runId, asOf: AS_OF });
    expect(pick(all, columns)).toEqual({ marketing_spend: null, cac: null, roi: null });
    expect(all.null_reasons).toMatchObject({ cac: 'marketing spend of 2026-Q3 comes in several currencies (EUR, USD) and segflow keeps no exchange rates' });
  });
});

describe('surveys', () => {
  const columns = ['survey_responses', 'csat', 'nps'];

  it('scores each segment\'s answers of the quarter and every answer on the all-customers row', async () => {
    // Ann csat 4 nps 10, Ben csat 2 nps 7 | Cat nps 9, Eve (Acme) csat 5 nps 10 | unknown csat 1 nps 3.
    expect(pick(await snapshot('rfm', 1), columns)).toEqual({ survey_responses: 4, csat: 3, nps: 50 });
    expect(pick(await snapshot('rfm', 2), columns)).toEqual({ survey_responses: 3, csat: 5, nps: 100 });
    expect(pick(await snapshot('all', 0), columns)).toEqual({ survey_responses: 9, csat: 3, nps: 40 });
  });
});

describe('campaign ROI', () => {
  it('splits each touched customer\'s revenue over the campaigns that reached them', async () => {
    const rows = await database.db('segflow.campaign_kpis').where({ run_id: runId }).orderBy('campaign')
      .select('quarter', 'campaign', 'channel', 'spend', 'touched_customers', 'new_customers', 'attributed_revenue', 'roi', 'null_reasons');
    // Ann's 200 is shared by the summer sale and the newsletter; Cat's 300 is the summer sale's; Acme's 900 the webinar's.
    expect(rows.map((r) => ({ ...r, spend: num(r.spend), attributed_revenue: num(r.attributed_revenue), roi: num(r.roi) }))).toEqual([
      { quarter: '2026-Q3', campaign: 'Summer_Sale', channel: 'paid_social', spend: 4600, touched_customers: 3, new_customers: 1, attributed_revenue: 400, roi: -0.913043, null_reasons: {} },
      { quarter: '2026-Q3', campaign: 'b2b_webinar', channel: 'events', spend: 620, touched_customers: 1, new_customers: 0, attributed_revenue: 900, roi: 0.451613, null_reasons: {} },
      {
        quarter: '2026-Q3', campaign: 'newsletter', channel: 'email', spend: null, touched_customers: 2, new_customers: 0, attributed_revenue: 100, roi: null,
        null_reasons: { spend: 'no spend landed for the campaign in 2026-Q3', roi: 'no spend landed for the campaign in 2026-Q3' },
      },
      { quarter: '2026-Q3', campaign: 'winback', channel: 'email', spend: 920, touched_customers: 0, new_customers: 0, attributed_revenue: 0, roi: -1, null_reasons: {} },
    ]);
  });
});

describe('recomputing', () => {
  it('rewrites the run\'s rows instead of adding to them', async () => {
    await runner.call('computeKpis', { runId, asOf: AS_OF });
    const count = async (table: string) => Number((await database.db(table).where({ run_id: runId }).count<{ n: number }[]>({ n: '*' }))[0]!.n);
    expect([await count('segflow.kpi_snapshots'), await count('segflow.campaign_kpis')]).toEqual([3, 4]);
  });
});

describe('null reasons', () => {
  it('gives every null KPI a reason and no reason to a KPI with a value', async () => {
    const kpis = (await database.db('segflow.kpi_definitions').pluck('kpi')) as string[];
    const rows = await database.db('segflow.kpi_snapshots').where({ run_id: runId });
    for (const row of rows) {
      const nullKpis = kpis.filter((kpi) => row[kpi] === null).sort();
      expect(Object.keys(row.null_reasons).sort(), `${row.scheme} ${row.segment_id}`).toEqual(nullKpis);
    }
  });
});
