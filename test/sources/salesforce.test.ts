import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSalesforceApi, DEMO_SALESFORCE_CLIENT, loadSalesforceRecords } from '../../src/demo/vendorApis/salesforceApi.js';
import type { ReplayServer } from '../../src/demo/vendorApis/replayServer.js';
import { readWatermark } from '../../src/sources/extractCheckpoints.js';
import { extractObject } from '../../src/sources/extractObject.js';
import { createSalesforceConnector, type SalesforceConnector } from '../../src/sources/salesforce/salesforceConnector.js';
import type { SalesforceRecord } from '../../src/sources/salesforce/salesforceObjects.js';
import { UserFacingError } from '../../src/userFacingError.js';
import { extractAllObjects, landedCounts } from '../support/extractAllObjects.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const BASE_MS = Date.parse('2024-01-01T00:00:00Z');
/** Salesforce writes dateTimes as `2024-01-15T10:20:30.000+0000`. */
const sfTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 23)}+0000`;
const minutes = (n: number) => BASE_MS + n * 60_000;
const id = (prefix: string, i: number) => `${prefix}${String(i).padStart(12, '0')}AAA`;

/** Records shaped like the company-in-a-box generator writes them; one minute apart per object. */
function companyRecords(counts = { Account: 450, Contact: 250, Lead: 210, Opportunity: 220 }): Record<string, SalesforceRecord[]> {
  const attributes = (type: string, recordId: string) => ({ type, url: `/services/data/v60.0/sobjects/${type}/${recordId}` });
  return {
    Account: Array.from({ length: counts.Account }, (_, i) => ({
      attributes: attributes('Account', id('001', i)), Id: id('001', i), Name: `Company ${i}`, Website: i % 2 ? `https://www.company${i}.example` : `company${i}.example`,
      Industry: 'Manufacturing', NumberOfEmployees: 10 + i, AnnualRevenue: 1_000_000.5 + i, CurrencyIsoCode: 'EUR', BillingCountry: 'Germany',
      BillingState: 'Bavaria', BillingCity: 'Munich', CreatedDate: sfTime(minutes(i) - 86_400_000), SystemModstamp: sfTime(minutes(i)),
    })),
    Contact: Array.from({ length: counts.Contact }, (_, i) => ({
      attributes: attributes('Contact', id('003', i)), Id: id('003', i), AccountId: id('001', i % 450), Email: `person${i}@company.example`,
      Phone: '+49 89 1234', FirstName: 'Ada', LastName: `Person${i}`, Title: 'CTO', MailingCountry: 'Germany', CreatedDate: sfTime(minutes(i)),
      SystemModstamp: sfTime(minutes(i)),
    })),
    Lead: Array.from({ length: counts.Lead }, (_, i) => ({
      attributes: attributes('Lead', id('00Q', i)), Id: id('00Q', i), Email: `lead${i}@prospect.example`, Phone: null, FirstName: 'Lee',
      LastName: `Lead${i}`, Company: `Prospect ${i}`, Country: 'France', LeadSource: 'Web', Status: i % 3 === 0 ? 'Converted' : 'Open',
      IsConverted: i % 3 === 0, ConvertedContactId: i % 3 === 0 ? id('003', i) : null, ConvertedAccountId: i % 3 === 0 ? id('001', i) : null,
      ConvertedDate: i % 3 === 0 ? '2024-02-01' : null, CreatedDate: sfTime(minutes(i)), SystemModstamp: sfTime(minutes(i)),
    })),
    Opportunity: Array.from({ length: counts.Opportunity }, (_, i) => ({
      attributes: attributes('Opportunity', id('006', i)), Id: id('006', i), AccountId: id('001', i), ContactId: id('003', i), Name: `Deal ${i}`,
      StageName: i % 2 ? 'Closed Won' : 'Prospecting', Amount: 5000 + i, CurrencyIsoCode: 'EUR', IsClosed: i % 2 === 1, IsWon: i % 2 === 1,
      CloseDate: '2024-03-31', CreatedDate: sfTime(minutes(i)), SystemModstamp: sfTime(minutes(i)),
    })),
  };
}

const env = { SF_CLIENT_ID: DEMO_SALESFORCE_CLIENT.clientId, SF_CLIENT_SECRET: DEMO_SALESFORCE_CLIENT.clientSecret, SF_WRONG_SECRET: 'not-the-secret' };

describe('Salesforce connector against the Salesforce REST replay server', () => {
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

  async function start(records: Record<string, SalesforceRecord[]>): Promise<ReplayServer> {
    server = createSalesforceApi(records);
    await server.start();
    return server;
  }

  function connect(name: string, api: ReplayServer, overrides: Record<string, unknown> = {}): SalesforceConnector {
    return createSalesforceConnector(
      { name, type: 'salesforce', instanceUrl: api.baseUrl, clientIdEnv: 'SF_CLIENT_ID', clientSecretEnv: 'SF_CLIENT_SECRET', pageSize: 200, ...overrides },
      { env, baseDir: '.' },
      { sleep: async (ms) => void sleeps.push(ms) },
    );
  }

  const queries = (api: ReplayServer) => api.log.filter((line) => line.startsWith('GET /services/data/v60.0/query?'));
  const soqlOf = (line: string) => new URL(line.slice(4), 'http://x').searchParams.get('q') ?? '';

  it('extracts every object over several pages, maps the fields, and reconciles read = landed + rejected', async () => {
    const api = await start(companyRecords());
    const runId = randomUUID();
    const summaries = await extractAllObjects(database.db, connect('crm-full', api), runId);
    expect(summaries.map((s) => [s.object, s.recordsRead, s.rowsLanded, s.rowsRejected])).toEqual([
      ['Account', 450, 450, 0], ['Contact', 250, 250, 0], ['Lead', 210, 210, 0], ['Opportunity', 220, 220, 0],
    ]);
    expect(await landedCounts(database.db, runId, 'crm-full')).toEqual({
      Account: { rows: 450, rejects: 0 }, Contact: { rows: 250, rejects: 0 }, Lead: { rows: 210, rejects: 0 }, Opportunity: { rows: 220, rejects: 0 },
    });
    // 3 + 2 + 2 + 2 pages of at most 200 records, plus one token request.
    expect(api.log.filter((line) => line.startsWith('GET /services/data/'))).toHaveLength(9);
    expect(api.log.filter((line) => line === 'POST /services/oauth2/token')).toHaveLength(1);
    expect(soqlOf(queries(api)[0] ?? '')).toBe(
      'SELECT Id, Name, Website, Industry, NumberOfEmployees, AnnualRevenue, CurrencyIsoCode, BillingCountry, BillingState, BillingCity, CreatedDate, SystemModstamp FROM Account ORDER BY SystemModstamp, Id',
    );

    const account = await database.db('raw.accounts').where({ run_id: runId, source_id: id('001', 1) }).first();
    expect(account).toMatchObject({
      source_object: 'Account', name: 'Company 1', website: 'https://www.company1.example', domain: 'company1.example', employees: 11,
      annual_revenue: '1000001.50', currency: 'EUR', country: 'Germany', region: 'Bavaria', city: 'Munich', position: null,
    });
    expect((account.source_modified_at as Date).toISOString()).toBe('2024-01-01T00:01:00.000Z');
    expect(account.record).toMatchObject({ attributes: { type: 'Account' }, SystemModstamp: '2024-01-01T00:01:00.000+0000' });
    const noScheme = await database.db('raw.accounts').where({ run_id: runId, source_id: id('001', 2) }).first();
    expect(noScheme.domain).toBe('company2.example');
    const lead = await database.db('raw.leads').where({ run_id: runId, source_id: id('00Q', 3) }).first();
    expect(lead).toMatchObject({ channel: 'Web', status: 'Converted', converted_contact_source_id: id('003', 3), converted_account_source_id: id('001', 3) });
    expect((lead.converted_at as Date).toISOString()).toBe('2024-02-01T00:00:00.000Z');
    const deal = await database.db('raw.opportunities').where({ run_id: runId, source_id: id('006', 1) }).first();
    expect(deal).toMatchObject({ stage: 'Closed Won', amount: '5001.00', is_closed: true, is_won: true, account_source_id: id('001', 1), contact_source_id: id('003', 1) });
    const contact = await database.db('raw.contacts').where({ run_id: runId, source_id: id('003', 0) }).first();
    expect(contact).toMatchObject({ account_source_id: id('001', 0), job_title: 'CTO', country: 'Germany', email: 'person0@company.example' });
    expect(await readWatermark(database.db, 'crm-full', 'Account')).toBe(new Date(minutes(449)).toISOString());
  });

  it('reads only records modified since the watermark on the next run', async () => {
    const records = companyRecords();
    const api = await start(records);
    await extractAllObjects(database.db, connect('crm-incr', api), randomUUID());
    const accounts = records.Account ?? [];
    for (const i of [3, 50, 100, 200, 300]) {
      const record = accounts[i]!;
      record.Name = `Renamed ${i}`;
      record.SystemModstamp = sfTime(minutes(1000 + i));
    }
    accounts.push({ ...accounts[0]!, Id: id('001', 999), Name: 'New Co', SystemModstamp: sfTime(minutes(2000)) });
    api.log.length = 0;

    const runId = randomUUID();
    const summaries = await extractAllObjects(database.db, connect('crm-incr', api), runId);
    // >= the watermark: the record at the watermark itself is read again (and upserted, never duplicated).
    expect(summaries.map((s) => [s.object, s.recordsRead, s.startedFrom])).toEqual([
      ['Account', 7, new Date(minutes(449)).toISOString()], ['Contact', 1, new Date(minutes(249)).toISOString()],
      ['Lead', 1, new Date(minutes(209)).toISOString()], ['Opportunity', 1, new Date(minutes(219)).toISOString()],
    ]);
    expect(soqlOf(queries(api)[0] ?? '')).toContain('FROM Account WHERE SystemModstamp >= 2024-01-01T07:29:00Z ORDER BY SystemModstamp, Id');
    const counts = await landedCounts(database.db, runId, 'crm-incr');
    expect(counts.Account).toEqual({ rows: 7, rejects: 0 });
    const renamed = await database.db('raw.accounts').where({ run_id: runId, source_id: id('001', 300) }).first();
    expect(renamed.name).toBe('Renamed 300');
    expect(await readWatermark(database.db, 'crm-incr', 'Account')).toBe(new Date(minutes(2000)).toISOString());
  });

  it('honours 429 Retry-After, waits out REQUEST_LIMIT_EXCEEDED (403) and retries a 500', async () => {
    const api = await start(companyRecords({ Account: 450, Contact: 1, Lead: 1, Opportunity: 1 }));
    api.inject({ path: /\/query$/, status: 429, headers: { 'retry-after': '7' }, body: [{ message: 'Too many requests', errorCode: 'REQUEST_LIMIT_EXCEEDED' }] });
    api.inject({ path: /\/query\/01g\w+-200$/, status: 403, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }] });
    api.inject({ path: /\/query\/01g\w+-400$/, status: 500, body: [{ message: 'An unexpected error occurred', errorCode: 'UNKNOWN_EXCEPTION' }] });
    const connector = connect('crm-limits', api, { objects: ['Account'] });
    const runId = randomUUID();
    const [summary] = await extractAllObjects(database.db, connector, runId);
    expect(summary).toMatchObject({ recordsRead: 450, rowsLanded: 450, rowsRejected: 0 });
    expect(sleeps).toContain(7000);
    expect(sleeps).toContain(5000);
    // The 500 waits a jittered backoff: between half and all of the first step (500 ms).
    expect(sleeps.filter((ms) => ms >= 250 && ms <= 500)).toHaveLength(1);
    expect(sleeps).toHaveLength(3);
    expect((await landedCounts(database.db, runId, 'crm-limits')).Account).toEqual({ rows: 450, rejects: 0 });
  });

  it('renews an expired session once, and fails fast naming the source when the client credentials are wrong', async () => {
    const api = await start(companyRecords({ Account: 5, Contact: 1, Lead: 1, Opportunity: 1 }));
    api.inject({ path: /\/query$/, status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] });
    const [summary] = await extractAllObjects(database.db, connect('crm-session', api, { objects: ['Account'] }), randomUUID());
    expect(summary?.recordsRead).toBe(5);
    expect(api.log.filter((line) => line === 'POST /services/oauth2/token')).toHaveLength(2);

    const wrong = connect('crm-wrong', api, { clientSecretEnv: 'SF_WRONG_SECRET' });
    const failure = await extractAllObjects(database.db, wrong, randomUUID()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UserFacingError);
    expect((failure as UserFacingError).message).toMatch(/source "crm-wrong".*invalid_client/);
    expect((failure as UserFacingError).fix).toContain('SF_CLIENT_ID and SF_WRONG_SECRET');
    // Refused credentials are not retried.
    expect(api.log.filter((line) => line === 'POST /services/oauth2/token')).toHaveLength(3);
    expect(sleeps).toEqual([]);

    // A token the API stops accepting after one renewal is refused credentials too.
    api.inject({ path: /\/query$/, status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }], times: 2 });
    const revoked = await extractAllObjects(database.db, connect('crm-revoked', api, { objects: ['Account'] }), randomUUID()).catch((error: unknown) => error);
    expect(revoked).toBeInstanceOf(UserFacingError);
    expect((revoked as UserFacingError).message).toMatch(/source "crm-revoked".*401.*INVALID_SESSION_ID/);
  });

  it('turns a record without an Id or with an unreadable date into a reject and lands the rest', async () => {
    const records = companyRecords({ Account: 300, Contact: 1, Lead: 1, Opportunity: 3 });
    const accounts = records.Account ?? [];
    delete accounts[250]!.Id;
    accounts[10]!.CreatedDate = 'yesterday';
    records.Opportunity![1]!.CloseDate = '2024-02-30';
    const api = await start(records);
    const runId = randomUUID();
    const summaries = await extractAllObjects(database.db, connect('crm-bad', api), runId);
    expect(summaries.map((s) => [s.object, s.recordsRead, s.rowsLanded, s.rowsRejected])).toEqual([
      ['Account', 300, 298, 2], ['Contact', 1, 1, 0], ['Lead', 1, 1, 0], ['Opportunity', 3, 2, 1],
    ]);
    const counts = await landedCounts(database.db, runId, 'crm-bad');
    expect(counts.Account).toEqual({ rows: 298, rejects: 2 });
    expect(counts.Opportunity).toEqual({ rows: 2, rejects: 1 });
    const rejects = await database.db('raw.rejects').where({ run_id: runId, source: 'crm-bad' }).orderBy('position');
    expect(rejects.map((r) => [r.source_object, r.position, r.reason_code])).toEqual([
      ['Account', `Account:${id('001', 10)}`, 'bad_timestamp'],
      ['Opportunity', `Opportunity:${id('006', 1)}`, 'bad_timestamp'],
      // The 251st record is on the second page of 200, at index 50.
      ['Account', 'page 2:50', 'missing_id'],
    ].sort((a, b) => (a[1]! < b[1]! ? -1 : 1)));
    const badDate = rejects.find((r) => r.position === `Account:${id('001', 10)}`);
    expect(badDate.detail).toContain('CreatedDate');
    expect(JSON.parse(badDate.original)).toMatchObject({ Id: id('001', 10), CreatedDate: 'yesterday' });
  });

  it('resumes an interrupted extract at the committed nextRecordsUrl, landing each record once', async () => {
    const api = await start(companyRecords({ Account: 700, Contact: 1, Lead: 1, Opportunity: 1 }));
    // The third page keeps failing until HttpClient gives up (6 attempts): the activity fails after 2 committed pages.
    api.inject({ path: /\/query\/01g\w+-400$/, status: 503, body: [{ message: 'Service unavailable', errorCode: 'SERVER_UNAVAILABLE' }], times: 6 });
    const connector = connect('crm-resume', api, { objects: ['Account'] });
    const runId = randomUUID();
    const signal = new AbortController().signal;
    await expect(extractObject({ db: database.db, runId, connector, object: 'Account', fullRefresh: false, signal })).rejects.toThrow(/still failing after 6 attempts/);
    expect((await landedCounts(database.db, runId, 'crm-resume')).Account).toEqual({ rows: 400, rejects: 0 });
    api.log.length = 0;

    const summary = await extractObject({ db: database.db, runId, connector, object: 'Account', fullRefresh: false, signal });
    expect(summary).toMatchObject({ recordsRead: 700, rowsLanded: 700, rowsRejected: 0, resumed: true });
    expect(api.log.filter((line) => line.startsWith('GET'))).toEqual([
      expect.stringMatching(/^GET \/services\/data\/v60\.0\/query\/01g\w+-400$/), expect.stringMatching(/-600$/),
    ]);
    expect((await landedCounts(database.db, runId, 'crm-resume')).Account).toEqual({ rows: 700, rejects: 0 });
    expect(Number((await database.db('raw.accounts').where({ run_id: runId, source: 'crm-resume' }).countDistinct({ n: 'source_id' }))[0]?.n)).toBe(700);
  });

  it('restarts the query from the committed high-water mark when the query locator has expired', async () => {
    const api = await start(companyRecords({ Account: 700, Contact: 1, Lead: 1, Opportunity: 1 }));
    api.inject({ path: /\/query\/01g\w+-400$/, status: 400, body: [{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }] });
    const runId = randomUUID();
    const [summary] = await extractAllObjects(database.db, connect('crm-locator', api, { objects: ['Account'] }), runId);
    const restart = queries(api)[1];
    // Pages 1-2 ended at record 399 (minute 399 = 06:39): the restart re-reads from there.
    expect(soqlOf(restart ?? '')).toContain('WHERE SystemModstamp >= 2024-01-01T06:39:00Z');
    expect(summary).toMatchObject({ recordsRead: 701, rowsRejected: 0 });
    expect((await landedCounts(database.db, runId, 'crm-locator')).Account).toEqual({ rows: 700, rejects: 0 });
  });

  it('check() reports each object readable, and a clear message for refused credentials', async () => {
    const api = await start(companyRecords({ Account: 2, Contact: 2, Lead: 2, Opportunity: 2 }));
    const good = await connect('crm-check', api).check(new AbortController().signal);
    expect(good.map((c) => [c.object, c.ok])).toEqual([['Account', true], ['Contact', true], ['Lead', true], ['Opportunity', true]]);
    const bad = await connect('crm-check', api, { clientSecretEnv: 'SF_WRONG_SECRET' }).check(new AbortController().signal);
    expect(bad).toHaveLength(4);
    expect(bad.every((c) => !c.ok && c.message.includes('source "crm-check"') && c.message.includes('invalid_client') && c.message.includes('SF_WRONG_SECRET'))).toBe(true);
  });

  it('rejects a bad entry with a message naming the source and the field', () => {
    const entry = { name: 'crm-config', type: 'salesforce', instanceUrl: 'https://acme.my.salesforce.com', clientIdEnv: 'SF_CLIENT_ID', clientSecretEnv: 'SF_CLIENT_SECRET' };
    expect(() => createSalesforceConnector({ ...entry, objects: ['Account', 'Case'] }, { env, baseDir: '.' })).toThrow(/crm-config.*objects.*"Case"/);
    expect(() => createSalesforceConnector({ ...entry, pageSize: 50 }, { env, baseDir: '.' })).toThrow(/crm-config.*pageSize/);
    expect(() => createSalesforceConnector({ ...entry, apiVersion: '60' }, { env, baseDir: '.' })).toThrow(/crm-config.*apiVersion/);
    expect(() => createSalesforceConnector({ ...entry, clientSecretEnv: 'SF_UNSET' }, { env, baseDir: '.' })).toThrow(/SF_UNSET.*not set/);
  });

  it('loads the generator\'s NDJSON files into the replay server', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'segflow-sf-'));
    try {
      const records = companyRecords({ Account: 3, Contact: 2, Lead: 0, Opportunity: 0 });
      await writeFile(join(dir, 'Account.ndjson'), `${records.Account!.map((r) => JSON.stringify(r)).join('\n')}\n\n`);
      await writeFile(join(dir, 'Contact.ndjson'), records.Contact!.map((r) => JSON.stringify(r)).join('\n'));
      const loaded = await loadSalesforceRecords({ Account: join(dir, 'Account.ndjson'), Contact: join(dir, 'Contact.ndjson') });
      expect(loaded.Account).toEqual(records.Account);
      expect(loaded.Contact).toHaveLength(2);
      await writeFile(join(dir, 'Lead.ndjson'), '{"Id":"00Q1"}\nnot json\n');
      await expect(loadSalesforceRecords({ Lead: join(dir, 'Lead.ndjson') })).rejects.toThrow(/Lead\.ndjson:2 is not a JSON object/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
