import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPardotApi, loadPardotRecords, pardotError, type PardotApi, type PardotProspect, type PardotVisitorActivity } from '../../src/demo/vendorApis/pardotApi.js';
import { readWatermark } from '../../src/sources/extractCheckpoints.js';
import type { ObjectExtractSummary } from '../../src/sources/extractObject.js';
import { createPardotConnector } from '../../src/sources/pardot/pardotConnector.js';
import { UserFacingError } from '../../src/userFacingError.js';
import { extractAllObjects, landedCounts } from '../support/extractAllObjects.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';
import { DiesAfterBatches } from '../support/diesAfterBatches.js';

const HOUR = 60 * 60 * 1000;
const START = Date.parse('2026-01-10T00:00:00Z');
/** v5 DateTimes carry the API user's offset (here New York, UTC-05:00). */
const eastern = (ms: number) => new Date(ms - 5 * HOUR).toISOString().replace('.000Z', '-05:00');

function sampleProspects(): PardotProspect[] {
  return Array.from({ length: 25 }, (_, i) => ({
    id: 3000 + i,
    email: `prospect${i}@example.com`,
    firstName: `Pat${i}`,
    lastName: `Doe${i}`,
    company: `Acme ${i % 5}`,
    country: i % 3 ? 'United States' : 'France',
    phone: null,
    createdAt: eastern(START - 100 * 24 * HOUR + i * HOUR),
    updatedAt: eastern(START + i * 7 * HOUR),
  }));
}

const TYPES: Array<[number, string]> = [[6, 'Email'], [11, 'Email'], [1, 'Email'], [4, 'Form'], [12, 'Email'], [13, 'Email'], [17, 'Email'], [35, 'Email'], [36, 'Email'], [2, 'Visit'], [20, 'Visit']];
function sampleActivities(): PardotVisitorActivity[] {
  return Array.from({ length: 30 }, (_, i) => ({
    id: 90_000 + i,
    prospectId: 3000 + (i % 25),
    type: TYPES[i % TYPES.length]![0],
    typeName: TYPES[i % TYPES.length]![1],
    createdAt: eastern(START + i * 5 * HOUR),
    campaignId: 40 + (i % 2),
    campaign: i % 4 === 0 ? null : { id: 40 + (i % 2), name: `Spring launch ${i % 2}` },
    emailId: 7000 + i,
  }));
}

describe('pardot connector (Account Engagement API v5) against a replayed API', () => {
  let database: TestDatabase;
  const apis: PardotApi[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const api of apis.splice(0)) await api.server.stop();
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function setup(name: string, options: { token?: string; businessUnit?: string; prospects?: PardotProspect[]; activities?: PardotVisitorActivity[] } = {}) {
    const records = { prospects: options.prospects ?? sampleProspects(), 'visitor-activities': options.activities ?? sampleActivities() };
    const api = createPardotApi(records);
    apis.push(api);
    await api.server.start();
    const waits: number[] = [];
    const connector = createPardotConnector(
      { name, type: 'pardot', baseUrl: api.server.baseUrl, businessUnitIdEnv: 'PARDOT_BU', tokenEnv: 'SF_TOKEN', pageSize: 10 },
      { env: { PARDOT_BU: options.businessUnit ?? api.businessUnitId, SF_TOKEN: options.token ?? api.accessToken }, baseDir: '/' },
      {
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    );
    return { api, records, connector, waits };
  }

  async function expectReconciled(runId: string, source: string, summaries: ObjectExtractSummary[]) {
    const counts = await landedCounts(database.db, runId, source);
    for (const summary of summaries) {
      expect(summary.recordsRead).toBe(summary.rowsLanded + summary.rowsRejected);
      expect(counts[summary.object] ?? { rows: 0, rejects: 0 }).toEqual({ rows: summary.rowsLanded, rejects: summary.rowsRejected });
    }
    return counts;
  }
  const byObject = (summaries: ObjectExtractSummary[]) => Object.fromEntries(summaries.map((s) => [s.object, s]));

  it('pages through prospects and visitor activities, maps them, and reconciles read = landed + rejected', async () => {
    const { connector, api } = await setup('pardot-full');
    const runId = randomUUID();
    const summaries = byObject(await extractAllObjects(database.db, connector, runId));
    expect(summaries.prospects).toMatchObject({ recordsRead: 25, rowsLanded: 25, rowsRejected: 0 });
    expect(summaries['visitor-activities']).toMatchObject({ recordsRead: 30, rowsLanded: 30, rowsRejected: 0 });
    expect(await expectReconciled(runId, 'pardot-full', Object.values(summaries))).toEqual({
      prospects: { rows: 25, rejects: 0 },
      'visitor-activities': { rows: 30, rejects: 0 },
    });
    // 25 prospects at 10 a page: 3 pages, the first with the documented query, then nextPageUrl.
    const prospectRequests = api.server.log.filter((l) => l.startsWith('GET /api/v5/objects/prospects'));
    expect(prospectRequests).toHaveLength(3);
    expect(prospectRequests[0]).toBe('GET /api/v5/objects/prospects?fields=id%2Cemail%2CfirstName%2ClastName%2Ccompany%2Ccountry%2Cphone%2CcreatedAt%2CupdatedAt&limit=10&orderBy=updatedAt');
    expect(prospectRequests[1]).toMatch(/^GET \/api\/v5\/objects\/prospects\?nextPageToken=/);

    const prospect = await database.db('raw.contacts').where({ run_id: runId, source: 'pardot-full', source_id: '3002' }).first();
    expect(prospect).toMatchObject({ source_object: 'prospects', email: 'prospect2@example.com', first_name: 'Pat2', country: 'United States', phone: null });
    expect(prospect.source_modified_at.toISOString()).toBe('2026-01-10T14:00:00.000Z');
    const events = await database.db('raw.marketing_events').where({ run_id: runId, source: 'pardot-full' }).select('source_id', 'event_type', 'campaign', 'channel', 'contact_source_id');
    const byId = Object.fromEntries(events.map((e) => [e.source_id, e]));
    expect(byId['90000']).toMatchObject({ event_type: 'send', campaign: '40', channel: 'email', contact_source_id: '3000' }); // no campaign relation → campaignId
    expect(byId['90001']).toMatchObject({ event_type: 'open', campaign: 'Spring launch 1' });
    expect(byId['90002']?.event_type).toBe('click');
    expect(byId['90003']).toMatchObject({ event_type: 'form_fill', channel: 'web' });
    expect(byId['90004']?.event_type).toBe('unsubscribe');
    expect(byId['90005']?.event_type).toBe('bounce');
    expect(byId['90006']?.event_type).toBe('click');
    expect(byId['90007']?.event_type).toBe('unsubscribe');
    expect(byId['90008']?.event_type).toBe('bounce');
    expect(byId['90009']).toMatchObject({ event_type: 'other', channel: 'web' });
    // Marks are UTC ISO with milliseconds, so they compare as strings.
    expect(await readWatermark(database.db, 'pardot-full', 'prospects')).toBe(new Date(START + 24 * 7 * HOUR).toISOString());
    expect(await readWatermark(database.db, 'pardot-full', 'visitor-activities')).toBe(new Date(START + 29 * 5 * HOUR).toISOString());
  });

  it('reads only what changed since the watermark on the next run', async () => {
    const { connector, records, api } = await setup('pardot-incremental');
    await extractAllObjects(database.db, connector, randomUUID());
    records.prospects[3]!.updatedAt = eastern(START + 300 * HOUR);
    records.prospects.push({ ...records.prospects[0]!, id: 4000, email: 'new@example.com', updatedAt: eastern(START + 301 * HOUR) });
    records['visitor-activities'].push({ ...records['visitor-activities'][0]!, id: 99_999, createdAt: eastern(START + 200 * HOUR) });
    const logged = api.server.log.length;
    const runId = randomUUID();
    const summaries = byObject(await extractAllObjects(database.db, connector, runId));
    // The 2 changed prospects, plus the previous high-water record re-read by the 60 s cache-lag overlap.
    expect(summaries.prospects).toMatchObject({ recordsRead: 3, rowsLanded: 3, startedFrom: new Date(START + 24 * 7 * HOUR).toISOString() });
    expect(summaries['visitor-activities']).toMatchObject({ recordsRead: 2, rowsLanded: 2 });
    await expectReconciled(runId, 'pardot-incremental', Object.values(summaries));
    const landed = await database.db('raw.contacts').where({ run_id: runId, source: 'pardot-incremental' }).orderBy('source_id').pluck('source_id');
    expect(landed).toEqual(['3003', '3024', '4000']);
    expect(api.server.log[logged]).toContain(`updatedAtAfterOrEqualTo=${encodeURIComponent(new Date(START + 24 * 7 * HOUR - 60_000).toISOString())}`);
  });

  it('honours 429 Retry-After and retries a 500', async () => {
    const { connector, api, waits } = await setup('pardot-faults');
    api.server.inject({ path: /prospects$/, status: 429, headers: { 'retry-after': '3' }, body: { code: 66, message: 'Too many concurrent requests' } });
    api.server.inject({ path: /visitor-activities$/, status: 500, times: 2 });
    const runId = randomUUID();
    const summaries = byObject(await extractAllObjects(database.db, connector, runId));
    expect(summaries.prospects?.recordsRead).toBe(25);
    expect(summaries['visitor-activities']?.recordsRead).toBe(30);
    await expectReconciled(runId, 'pardot-faults', Object.values(summaries));
    expect(waits[0]).toBe(3000);
    expect(waits).toHaveLength(3);
  });

  it('fails fast with a UserFacingError naming the source when the token is refused (184); check() reports it', async () => {
    const { connector, api } = await setup('pardot-badtoken', { token: 'expired-token' });
    const error = await extractAllObjects(database.db, connector, randomUUID()).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as Error).message).toContain('source "pardot-badtoken"');
    expect((error as Error).message).toContain('184');
    expect((error as UserFacingError).fix).toContain('tokenEnv');
    expect(api.server.log).toHaveLength(1);
    const checks = await connector.check(new AbortController().signal);
    expect(checks.map((c) => c.ok)).toEqual([false, false]);
  });

  it('check() is ok with good credentials and not ok with a wrong business unit id', async () => {
    const good = await setup('pardot-check');
    expect((await good.connector.check(new AbortController().signal)).map((c) => c.ok)).toEqual([true, true]);
    const wrongUnit = await setup('pardot-check-bu', { businessUnit: '0Uv000000000999AAA' });
    const checks = await wrongUnit.connector.check(new AbortController().signal);
    expect(checks[0]).toMatchObject({ object: 'prospects', ok: false, message: expect.stringContaining('Pardot-Business-Unit-Id') });
  });

  it('lands malformed records in raw.rejects with their original JSON', async () => {
    const prospects = sampleProspects();
    prospects[4]!.updatedAt = 'yesterday';
    delete prospects[5]!.id;
    prospects[6]!.createdAt = '2026-13-45T00:00:00Z';
    const activities = sampleActivities();
    activities[7]!.createdAt = null;
    const { connector } = await setup('pardot-rejects', { prospects, activities });
    const runId = randomUUID();
    const summaries = byObject(await extractAllObjects(database.db, connector, runId));
    expect(summaries.prospects).toMatchObject({ recordsRead: 25, rowsLanded: 22, rowsRejected: 3 });
    expect(summaries['visitor-activities']).toMatchObject({ recordsRead: 30, rowsLanded: 29, rowsRejected: 1 });
    await expectReconciled(runId, 'pardot-rejects', Object.values(summaries));
    const rejects = await database.db('raw.rejects').where({ run_id: runId, source: 'pardot-rejects' }).orderBy(['source_object', 'position']);
    expect(rejects.map((r) => [r.source_object, r.position, r.reason_code])).toEqual([
      ['prospects', '3004', 'bad_timestamp'],
      ['prospects', '3006', 'bad_timestamp'],
      ['prospects', expect.stringMatching(/^page\d+:\d+$/), 'missing_id'],
      ['visitor-activities', '90007', 'bad_timestamp'],
    ]);
    expect(JSON.parse(rejects[0].original)).toMatchObject({ id: 3004, updatedAt: 'yesterday' });
    expect(JSON.parse(rejects[2].original)).toMatchObject({ email: 'prospect5@example.com' });
  });

  it('resumes an interrupted run from nextPageUrl and lands each record exactly once', async () => {
    const { connector, api } = await setup('pardot-resume');
    const runId = randomUUID();
    await expect(extractAllObjects(database.db, new DiesAfterBatches(connector, 2), runId)).rejects.toThrow('worker lost');
    const logged = api.server.log.length;
    const summaries = byObject(await extractAllObjects(database.db, connector, runId));
    expect(summaries.prospects).toMatchObject({ recordsRead: 25, rowsLanded: 25, resumed: true });
    expect(summaries['visitor-activities']?.recordsRead).toBe(30);
    await expectReconciled(runId, 'pardot-resume', Object.values(summaries));
    // The retry asked only for the third prospect page (by its nextPageToken), not the first two again.
    const resumedProspects = api.server.log.slice(logged).filter((l) => l.includes('/prospects'));
    expect(resumedProspects).toHaveLength(1);
    expect(resumedProspects[0]).toMatch(/nextPageToken=/);
    const distinct = await database.db('raw.contacts').where({ run_id: runId, source: 'pardot-resume' }).countDistinct({ n: 'source_id' });
    expect(Number(distinct[0]?.n)).toBe(25);
  });

  it('turns the daily API limit (code 122) into a clear retryable error', async () => {
    const { connector, api } = await setup('pardot-daily');
    api.server.inject({ path: /prospects$/, status: 429, body: pardotError(122, 'Daily API rate limit met'), times: 10 });
    const error = (await extractAllObjects(database.db, connector, randomUUID()).then(() => null, (e: unknown) => e)) as Error;
    expect(error).not.toBeInstanceOf(UserFacingError);
    expect(error.message).toContain('source "pardot-daily": Account Engagement daily API request limit reached (code 122)');
  });

  it('serves records loaded from generated NDJSON files (.gz too)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'segflow-pardot-'));
    try {
      await writeFile(join(dir, 'prospects.ndjson.gz'), gzipSync(sampleProspects().map((p) => JSON.stringify(p)).join('\n')));
      const loaded = await loadPardotRecords({ prospects: join(dir, 'prospects.ndjson.gz') });
      expect(loaded.prospects).toHaveLength(25);
      expect(loaded['visitor-activities']).toEqual([]);
      const api = createPardotApi(loaded);
      apis.push(api);
      await api.server.start();
      const connector = createPardotConnector(
        { name: 'pardot-ndjson', type: 'pardot', baseUrl: api.server.baseUrl, businessUnitIdEnv: 'BU', tokenEnv: 'TOKEN', objects: ['prospects'] },
        { env: { BU: api.businessUnitId, TOKEN: api.accessToken }, baseDir: '/' },
      );
      const [summary] = await extractAllObjects(database.db, connector, randomUUID());
      expect(summary).toMatchObject({ object: 'prospects', recordsRead: 25, rowsLanded: 25 });
      expect(api.server.log).toHaveLength(1); // pageSize defaults to the v5 maximum of 1000
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

