import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHubspotApi, DEMO_HUBSPOT_TOKEN, loadHubspotObjects, type HubspotApiObjectName } from '../../src/demo/vendorApis/hubspotApi.js';
import type { ReplayServer } from '../../src/demo/vendorApis/replayServer.js';
import { readWatermark } from '../../src/sources/extractCheckpoints.js';
import { extractObject } from '../../src/sources/extractObject.js';
import { createHubspotConnector, type HubspotConnector } from '../../src/sources/hubspot/hubspotConnector.js';
import type { HubspotObject } from '../../src/sources/hubspot/hubspotObjects.js';
import { UserFacingError } from '../../src/userFacingError.js';
import { extractAllObjects, landedCounts } from '../support/extractAllObjects.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const BASE_MS = Date.parse('2024-01-01T00:00:00Z');
const at = (minute: number) => new Date(BASE_MS + minute * 60_000).toISOString();
type Records = Record<HubspotApiObjectName, HubspotObject[]>;

function contact(i: number, minute = i): HubspotObject {
  return {
    id: String(500 + i),
    properties: {
      email: `person${i}@company.example`, firstname: 'Ada', lastname: `Person${i}`, phone: '+1 555 0100', jobtitle: 'VP Sales', country: 'United States',
      lifecyclestage: 'customer', associatedcompanyid: i % 2 === 0 ? String(100 + (i % 120)) : '', createdate: at(minute - 60), lastmodifieddate: at(minute),
      hs_object_id: String(500 + i),
    },
    createdAt: at(minute - 60), updatedAt: at(minute), archived: false,
    // Odd contacts have no associatedcompanyid: the list endpoint's association fills in.
    associations: { companies: { results: [{ id: String(100 + (i % 120)), type: 'contact_to_company' }] } },
  };
}

/** Objects shaped like the company-in-a-box generator writes them, one minute apart per type. */
function crmRecords(counts = { contacts: 250, companies: 120, deals: 130 }): Records {
  return {
    contacts: Array.from({ length: counts.contacts }, (_, i) => contact(i)),
    companies: Array.from({ length: counts.companies }, (_, i) => ({
      id: String(100 + i),
      properties: {
        name: `Company ${i}`, domain: i % 2 ? `www.company${i}.example` : `company${i}.example`, industry: 'COMPUTER_SOFTWARE', numberofemployees: String(20 + i),
        annualrevenue: String(250000 + i), country: 'United States', state: 'Texas', city: 'Austin', createdate: at(i - 60), hs_lastmodifieddate: at(i),
        hs_object_id: String(100 + i),
      },
      createdAt: at(i - 60), updatedAt: at(i), archived: false,
    })),
    deals: Array.from({ length: counts.deals }, (_, i) => ({
      id: String(9000 + i),
      properties: {
        dealname: `Deal ${i}`, amount: String(1000 + i), dealstage: ['appointmentscheduled', 'closedwon', 'closedlost', 'custom-stage'][i % 4] ?? null,
        pipeline: 'default', closedate: '2024-06-30T00:00:00Z', deal_currency_code: 'USD', createdate: at(i - 60), hs_lastmodifieddate: at(i),
        hs_object_id: String(9000 + i),
      },
      createdAt: at(i - 60), updatedAt: at(i), archived: false,
      associations: {
        companies: { results: [{ id: String(100 + (i % 120)), type: 'deal_to_company' }, { id: '199', type: 'deal_to_company_unlabeled' }] },
        contacts: { results: [{ id: String(500 + i), type: 'deal_to_contact' }] },
      },
    })),
  };
}

const env = { HUBSPOT_TOKEN: DEMO_HUBSPOT_TOKEN, HUBSPOT_STALE_TOKEN: 'pat-na1-expired' };

describe('HubSpot connector against the HubSpot CRM v3 replay server', () => {
  let database: TestDatabase;
  let server: ReplayServer | undefined;
  let sleeps: number[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    sleeps = [];
  });

  async function start(records: Partial<Records>): Promise<ReplayServer> {
    server = createHubspotApi(records);
    await server.start();
    return server;
  }

  function connect(name: string, api: ReplayServer, overrides: Record<string, unknown> = {}): HubspotConnector {
    return createHubspotConnector(
      { name, type: 'hubspot', baseUrl: api.baseUrl, tokenEnv: 'HUBSPOT_TOKEN', pageSize: 50, ...overrides },
      { env, baseDir: '.' },
      { sleep: async (ms) => void sleeps.push(ms) },
    );
  }

  const requests = (api: ReplayServer, pattern: RegExp) => api.log.filter((line) => pattern.test(line));

  it('lists every object over several pages with associations, maps the properties, and reconciles', async () => {
    const api = await start(crmRecords());
    const runId = randomUUID();
    const summaries = await extractAllObjects(database.db, connect('hs-full', api), runId);
    expect(summaries.map((s) => [s.object, s.recordsRead, s.rowsLanded, s.rowsRejected])).toEqual([
      ['contacts', 250, 250, 0], ['companies', 120, 120, 0], ['deals', 130, 130, 0],
    ]);
    expect(await landedCounts(database.db, runId, 'hs-full')).toEqual({
      contacts: { rows: 250, rejects: 0 }, companies: { rows: 120, rejects: 0 }, deals: { rows: 130, rejects: 0 },
    });
    // 5 + 3 + 3 pages of 50 from the list endpoint; no search on a first run.
    expect(requests(api, /^GET \/crm\/v3\/objects\//)).toHaveLength(11);
    expect(requests(api, /search/)).toHaveLength(0);
    expect(requests(api, /^GET \/crm\/v3\/objects\/deals\?/)[0]).toContain('associations=companies%2Ccontacts');

    const [withProperty, withAssociation] = await Promise.all([
      database.db('raw.contacts').where({ run_id: runId, source_id: '502' }).first(),
      database.db('raw.contacts').where({ run_id: runId, source_id: '503' }).first(),
    ]);
    expect(withProperty).toMatchObject({ account_source_id: '102', email: 'person2@company.example', job_title: 'VP Sales', lifecycle_stage: 'customer', country: 'United States' });
    expect(withAssociation.account_source_id).toBe('103');
    expect((withProperty.created_at_source as Date).toISOString()).toBe(at(-58));
    const company = await database.db('raw.accounts').where({ run_id: runId, source_id: '101' }).first();
    expect(company).toMatchObject({ source_object: 'companies', name: 'Company 1', domain: 'company1.example', employees: 21, annual_revenue: '250001.00', region: 'Texas', city: 'Austin' });
    const deals = await database.db('raw.opportunities').where({ run_id: runId }).whereIn('source_id', ['9000', '9001', '9002', '9003']).orderBy('source_id');
    expect(deals.map((d) => [d.stage, d.is_closed, d.is_won])).toEqual([
      ['appointmentscheduled', false, false], ['closedwon', true, true], ['closedlost', true, false], ['custom-stage', null, null],
    ]);
    expect(deals[1]).toMatchObject({ name: 'Deal 1', amount: '1001.00', currency: 'USD', account_source_id: '101', contact_source_id: '501' });
    expect(deals[1].close_date).toBe('2024-06-30');
    expect(await readWatermark(database.db, 'hs-full', 'contacts')).toBe(at(249));
  });

  it('searches only objects modified since the watermark on the next run, with deal associations from the v4 batch read', async () => {
    const records = crmRecords();
    const api = await start(records);
    await extractAllObjects(database.db, connect('hs-incr', api), randomUUID());
    for (const i of [5, 60, 200]) records.contacts[i] = { ...contact(i, 1000 + i), properties: { ...contact(i, 1000 + i).properties, jobtitle: 'CEO' } };
    for (const deal of [records.deals[7]!, records.deals[8]!]) {
      deal.properties.dealstage = 'closedwon';
      deal.properties.hs_lastmodifieddate = at(5000);
      deal.updatedAt = at(5000);
    }
    api.log.length = 0;

    const runId = randomUUID();
    const summaries = await extractAllObjects(database.db, connect('hs-incr', api), runId);
    // GTE the watermark: the object at the watermark is read again (and upserted).
    expect(summaries.map((s) => [s.object, s.recordsRead, s.startedFrom])).toEqual([
      ['contacts', 4, at(249)], ['companies', 1, at(119)], ['deals', 3, at(129)],
    ]);
    expect(requests(api, /^POST \/crm\/v3\/objects\/\w+\/search$/)).toHaveLength(3);
    expect(requests(api, /^GET/)).toHaveLength(0);
    expect(requests(api, /^POST \/crm\/v4\/associations\/deals\/(companies|contacts)\/batch\/read$/)).toHaveLength(2);
    const changed = await database.db('raw.contacts').where({ run_id: runId, source_id: '700' }).first();
    expect(changed.job_title).toBe('CEO');
    const deal = await database.db('raw.opportunities').where({ run_id: runId, source_id: '9007' }).first();
    // The primary company (deal_to_company), not the unlabeled one.
    expect(deal).toMatchObject({ stage: 'closedwon', is_won: true, account_source_id: '107', contact_source_id: '507' });
    expect(await readWatermark(database.db, 'hs-incr', 'deals')).toBe(at(5000));
  });

  it('restarts the search from the last modification time seen when paging would pass 10,000 results', async () => {
    const records: Partial<Records> = { contacts: [contact(0)] };
    const api = await start(records);
    const connector = connect('hs-cap', api, { objects: ['contacts'], pageSize: 100 });
    await extractAllObjects(database.db, connector, randomUUID());
    records.contacts!.push(...Array.from({ length: 10_050 }, (_, i) => contact(i + 1, 10 + i)));
    api.log.length = 0;

    const runId = randomUUID();
    const [summary] = await extractAllObjects(database.db, connector, runId);
    // 100 pages cover results 0-9,999 (contact 0 .. contact 9,999); the restart from contact 9,999's time reads 52 more.
    expect(summary).toMatchObject({ recordsRead: 10_052, rowsRejected: 0 });
    expect(requests(api, /search$/)).toHaveLength(101);
    expect((await landedCounts(database.db, runId, 'hs-cap')).contacts).toEqual({ rows: 10_051, rejects: 0 });
    expect(await readWatermark(database.db, 'hs-cap', 'contacts')).toBe(at(10 + 10_049));
  });

  it('honours 429 Retry-After and retries a 500, and fails fast naming the source on a refused token', async () => {
    const api = await start(crmRecords({ contacts: 120, companies: 1, deals: 1 }));
    api.inject({ path: /\/crm\/v3\/objects\/contacts$/, status: 429, headers: { 'retry-after': '2' }, body: { status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', correlationId: randomUUID(), policyName: 'SECONDLY', category: 'RATE_LIMITS' } });
    api.inject({ path: /\/crm\/v3\/objects\/contacts$/, status: 500, body: { status: 'error', message: 'internal error', correlationId: randomUUID(), category: 'INTERNAL_ERROR' } });
    const runId = randomUUID();
    const [summary] = await extractAllObjects(database.db, connect('hs-retry', api, { objects: ['contacts'] }), runId);
    expect(summary).toMatchObject({ recordsRead: 120, rowsLanded: 120, rowsRejected: 0 });
    expect(sleeps).toContain(2000);
    // 3 pages + the 429 and the 500 answered for the first one.
    expect(requests(api, /^GET \/crm\/v3\/objects\/contacts\?/)).toHaveLength(5);
    expect((await landedCounts(database.db, runId, 'hs-retry')).contacts).toEqual({ rows: 120, rejects: 0 });

    api.log.length = 0;
    const stale = connect('hs-stale', api, { tokenEnv: 'HUBSPOT_STALE_TOKEN' });
    const failure = await extractAllObjects(database.db, stale, randomUUID()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UserFacingError);
    expect((failure as UserFacingError).message).toMatch(/source "hs-stale".*refused the credentials \(401: .*Authentication credentials not found/);
    expect((failure as UserFacingError).fix).toContain('HUBSPOT_STALE_TOKEN');
    expect(api.log).toHaveLength(1);
  });

  it('turns an object without an id or with an unreadable date into a reject and lands the rest', async () => {
    const records = crmRecords({ contacts: 120, companies: 3, deals: 1 });
    delete (records.contacts[70] as Partial<HubspotObject>).id;
    records.contacts[10]!.properties.createdate = 'yesterday';
    records.companies[1]!.properties.numberofemployees = 'about fifty';
    const api = await start(records);
    const runId = randomUUID();
    const summaries = await extractAllObjects(database.db, connect('hs-bad', api), runId);
    expect(summaries.map((s) => [s.object, s.recordsRead, s.rowsLanded, s.rowsRejected])).toEqual([
      ['contacts', 120, 118, 2], ['companies', 3, 2, 1], ['deals', 1, 1, 0],
    ]);
    const counts = await landedCounts(database.db, runId, 'hs-bad');
    expect(counts).toMatchObject({ contacts: { rows: 118, rejects: 2 }, companies: { rows: 2, rejects: 1 } });
    const rejects = await database.db('raw.rejects').where({ run_id: runId, source: 'hs-bad' }).orderBy('position');
    expect(rejects.map((r) => [r.source_object, r.position, r.reason_code])).toEqual([
      ['companies', '101', 'bad_value'],
      ['contacts', 'contacts:510', 'bad_timestamp'],
      // The 71st contact is on the second page of 50, at index 20.
      ['contacts', 'page 2:20', 'missing_id'],
    ]);
    expect(JSON.parse(rejects[1].original)).toMatchObject({ id: '510', properties: { createdate: 'yesterday' } });
  });

  it('resumes an interrupted extract at the committed `after`, landing each object once', async () => {
    const api = await start(crmRecords({ contacts: 230, companies: 1, deals: 1 }));
    const connector = connect('hs-resume', api, { objects: ['contacts'] });
    const runId = randomUUID();
    const signal = new AbortController().signal;
    let batches = 0;
    // After two committed pages the API starts failing until HttpClient gives up (6 attempts).
    const onProgress = () => {
      if (++batches === 2) api.inject({ path: /\/contacts$/, status: 503, body: { status: 'error', message: 'Service Unavailable', correlationId: randomUUID(), category: 'INTERNAL_ERROR' }, times: 6 });
    };
    await expect(extractObject({ db: database.db, runId, connector, object: 'contacts', fullRefresh: false, signal, onProgress })).rejects.toThrow(/still failing after 6 attempts/);
    expect((await landedCounts(database.db, runId, 'hs-resume')).contacts).toEqual({ rows: 100, rejects: 0 });
    api.log.length = 0;

    const summary = await extractObject({ db: database.db, runId, connector, object: 'contacts', fullRefresh: false, signal });
    expect(summary).toMatchObject({ recordsRead: 230, rowsLanded: 230, rowsRejected: 0, resumed: true });
    expect(api.log).toHaveLength(3);
    expect(api.log[0]).toContain('after=100');
    expect((await landedCounts(database.db, runId, 'hs-resume')).contacts).toEqual({ rows: 230, rejects: 0 });
  });

  it('check() reports each object readable, and a clear message for a refused token', async () => {
    const api = await start(crmRecords({ contacts: 1, companies: 1, deals: 1 }));
    const good = await connect('hs-check', api).check(new AbortController().signal);
    expect(good.map((c) => [c.object, c.ok])).toEqual([['contacts', true], ['companies', true], ['deals', true]]);
    const bad = await connect('hs-check', api, { tokenEnv: 'HUBSPOT_STALE_TOKEN' }).check(new AbortController().signal);
    expect(bad).toHaveLength(3);
    expect(bad.every((c) => !c.ok && /source "hs-check".*refused the credentials.*HUBSPOT_STALE_TOKEN/.test(c.message))).toBe(true);
  });

  it('rejects a bad entry with a message naming the source and the field', () => {
    const entry = { name: 'hs-config', type: 'hubspot', tokenEnv: 'HUBSPOT_TOKEN' };
    expect(() => createHubspotConnector({ ...entry, objects: ['contacts', 'tickets'] }, { env, baseDir: '.' })).toThrow(/hs-config.*objects.*"tickets"/);
    expect(() => createHubspotConnector({ ...entry, pageSize: 500 }, { env, baseDir: '.' })).toThrow(/hs-config.*pageSize/);
    expect(() => createHubspotConnector({ ...entry, tokenEnv: 'HUBSPOT_UNSET' }, { env, baseDir: '.' })).toThrow(/HUBSPOT_UNSET.*not set/);
  });

  it('loads the generator\'s NDJSON files (plain or gzipped) into the replay server', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'segflow-hs-'));
    try {
      const records = crmRecords({ contacts: 3, companies: 2, deals: 0 });
      await writeFile(join(dir, 'contacts.ndjson'), `${records.contacts.map((r) => JSON.stringify(r)).join('\n')}\n`);
      await writeFile(join(dir, 'companies.ndjson.gz'), gzipSync(records.companies.map((r) => JSON.stringify(r)).join('\n')));
      const loaded = await loadHubspotObjects({ contacts: join(dir, 'contacts.ndjson'), companies: join(dir, 'companies.ndjson.gz') });
      expect(loaded.contacts).toEqual(records.contacts);
      expect(loaded.companies).toEqual(records.companies);
      await writeFile(join(dir, 'deals.ndjson'), '{"id":"1"}\n[1,2]\n');
      await expect(loadHubspotObjects({ deals: join(dir, 'deals.ndjson') })).rejects.toThrow(/deals\.ndjson:2 is not a JSON object/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
