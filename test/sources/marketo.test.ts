import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMarketoApi, loadMarketoRecords, type MarketoActivity, type MarketoApi, type MarketoApiOptions, type MarketoLead } from '../../src/demo/vendorApis/marketoApi.js';
import { readWatermark } from '../../src/sources/extractCheckpoints.js';
import type { ObjectExtractSummary } from '../../src/sources/extractObject.js';
import { createMarketoConnector } from '../../src/sources/marketo/marketoConnector.js';
import { UserFacingError } from '../../src/userFacingError.js';
import { extractAllObjects, landedCounts } from '../support/extractAllObjects.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';
import type { ExtractedBatch } from '../../src/sources/connector.js';
import { DiesAfterBatches } from '../support/diesAfterBatches.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-03-01T00:00:00Z');
const SINCE = '2025-12-20T00:00:00Z'; // 71 days before NOW: windows of 31 + 31 + 9 days
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** 12 leads updated over the 70 days before NOW, 20 activities of mixed types (2 outside the default type list). */
function sampleLeads(): MarketoLead[] {
  return Array.from({ length: 12 }, (_, i) => ({
    id: 1000 + i,
    email: `lead${i}@example.com`,
    firstName: `First${i}`,
    lastName: i === 3 ? 'O"Brien, Jr.' : `Last${i}`,
    phone: `+1-555-01${String(i).padStart(2, '0')}`,
    company: `Company ${i % 4}`,
    country: i % 2 ? 'US' : 'DE',
    createdAt: iso(NOW - 400 * DAY + i * DAY),
    updatedAt: iso(NOW - 70 * DAY + i * 6 * DAY + 3600_000),
  }));
}

const TYPES = [6, 7, 10, 11, 8, 27, 9, 2, 1, 13];
function sampleActivities(): MarketoActivity[] {
  return Array.from({ length: 20 }, (_, i) => ({
    marketoGUID: `guid-${i}`,
    leadId: 1000 + (i % 12),
    activityDate: iso(NOW - 69 * DAY + i * 3 * DAY + 7200_000),
    activityTypeId: TYPES[i % TYPES.length]!,
    campaignId: 500 + (i % 3),
    primaryAttributeValueId: 77,
    primaryAttributeValue: i % 5 === 0 ? '' : `Newsletter ${i % 3}`,
    attributes: [{ name: 'Mailing ID', value: 77 }],
  }));
}

describe('marketo connector (bulk export) against a replayed Marketo instance', () => {
  let database: TestDatabase;
  const apis: MarketoApi[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const api of apis.splice(0)) await api.server.stop();
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function setup(name: string, options: { api?: MarketoApiOptions; secret?: string; batchLines?: number; leads?: MarketoLead[]; activities?: MarketoActivity[] } = {}) {
    const records = { leads: options.leads ?? sampleLeads(), activities: options.activities ?? sampleActivities() };
    const api = createMarketoApi(records, options.api);
    apis.push(api);
    await api.server.start();
    const waits: number[] = [];
    const clock = { now: NOW };
    const connector = createMarketoConnector(
      { name, type: 'marketo', baseUrl: api.server.baseUrl, clientIdEnv: 'MKTO_CLIENT_ID', clientSecretEnv: 'MKTO_CLIENT_SECRET', since: SINCE },
      { env: { MKTO_CLIENT_ID: 'segflow-demo-client', MKTO_CLIENT_SECRET: options.secret ?? 'segflow-demo-secret' }, baseDir: '/' },
      {
        sleep: async (ms) => {
          waits.push(ms);
        },
        now: () => clock.now,
        batchLines: options.batchLines ?? 4,
      },
    );
    return { api, records, connector, waits, clock };
  }

  async function expectReconciled(runId: string, source: string, summaries: ObjectExtractSummary[]) {
    const counts = await landedCounts(database.db, runId, source);
    for (const summary of summaries) {
      expect(summary.recordsRead).toBe(summary.rowsLanded + summary.rowsRejected);
      const landed = counts[summary.object] ?? { rows: 0, rejects: 0 };
      expect(landed).toEqual({ rows: summary.rowsLanded, rejects: summary.rowsRejected });
    }
    return counts;
  }

  const byObject = (summaries: ObjectExtractSummary[]) => Object.fromEntries(summaries.map((s) => [s.object, s]));

  it('extracts every lead and activity of the window, maps them, and reconciles read = landed + rejected', async () => {
    const { connector, api } = await setup('mkto-full');
    const runId = randomUUID();
    const summaries = byObject(await extractAllObjects(database.db, connector, runId));
    expect(summaries.leads).toMatchObject({ recordsRead: 12, rowsLanded: 12, rowsRejected: 0 });
    // Types 13 is not in the default activity type list, so the export filter leaves 2 of 20 out.
    expect(summaries.activities).toMatchObject({ recordsRead: 18, rowsLanded: 18, rowsRejected: 0 });
    expect(await expectReconciled(runId, 'mkto-full', Object.values(summaries))).toEqual({ leads: { rows: 12, rejects: 0 }, activities: { rows: 18, rejects: 0 } });

    const lead = await database.db('raw.contacts').where({ run_id: runId, source: 'mkto-full', source_id: '1003' }).first();
    expect(lead).toMatchObject({ source_object: 'leads', email: 'lead3@example.com', last_name: 'O"Brien, Jr.', country: 'US' });
    expect(lead.record).toMatchObject({ company: 'Company 3' });
    expect(lead.position).toMatch(/^[0-9a-f-]{36}:\d+$/);
    const events = await database.db('raw.marketing_events').where({ run_id: runId, source: 'mkto-full' }).orderBy('source_id').select('source_id', 'event_type', 'campaign', 'contact_source_id', 'channel');
    const byGuid = Object.fromEntries(events.map((e) => [e.source_id, e]));
    expect(byGuid['guid-0']).toMatchObject({ event_type: 'send', campaign: '500', contact_source_id: '1000', channel: 'email' }); // empty primaryAttributeValue → campaignId
    expect(byGuid['guid-1']).toMatchObject({ event_type: 'other', campaign: 'Newsletter 1' });
    expect(byGuid['guid-2']?.event_type).toBe('open');
    expect(byGuid['guid-3']?.event_type).toBe('click');
    expect(byGuid['guid-4']?.event_type).toBe('bounce');
    expect(byGuid['guid-5']?.event_type).toBe('bounce');
    expect(byGuid['guid-6']?.event_type).toBe('unsubscribe');
    expect(byGuid['guid-7']).toMatchObject({ event_type: 'form_fill', channel: 'web' });
    expect(byGuid['guid-9']).toBeUndefined();
    // The high-water mark is the end of the last completed window: the run's "now".
    expect(await readWatermark(database.db, 'mkto-full', 'leads')).toBe('2026-03-01T00:00:00.000Z');
    expect(api.tokensIssued()).toBe(1);
  });

  it('splits the range into windows of at most 31 days, with the documented filters', async () => {
    const { connector, api } = await setup('mkto-windows');
    await extractAllObjects(database.db, connector, randomUUID());
    const filters = [...api.exports.values()].map((e) => ({ object: e.object, request: e.request }));
    const leadRanges = filters.filter((f) => f.object === 'leads').map((f) => (f.request.filter as { updatedAt: unknown }).updatedAt);
    expect(leadRanges).toEqual([
      { startAt: '2025-12-20T00:00:00Z', endAt: '2026-01-20T00:00:00Z' },
      { startAt: '2026-01-20T00:00:00Z', endAt: '2026-02-20T00:00:00Z' },
      { startAt: '2026-02-20T00:00:00Z', endAt: '2026-03-01T00:00:00Z' },
    ]);
    const activityRequest = filters.find((f) => f.object === 'activities')!.request;
    expect(activityRequest).toEqual({
      format: 'CSV',
      filter: { createdAt: { startAt: '2025-12-20T00:00:00Z', endAt: '2026-01-20T00:00:00Z' }, activityTypeIds: [1, 2, 6, 7, 8, 9, 10, 11, 27] },
    });
    expect(filters.find((f) => f.object === 'leads')!.request.fields).toEqual(['id', 'email', 'firstName', 'lastName', 'phone', 'company', 'country', 'createdAt', 'updatedAt']);
    // Every export went Created → Queued → Processing → Completed, polled with the configured interval.
    expect([...api.exports.values()].every((e) => e.status === 'Completed')).toBe(true);
  });

  it('reads only what changed since the watermark on the next run', async () => {
    const { connector, records, clock, api } = await setup('mkto-incremental');
    await extractAllObjects(database.db, connector, randomUUID());
    const before = api.exports.size;
    records.leads.push({ ...records.leads[0]!, email: 'changed@example.com', updatedAt: iso(NOW + DAY) });
    records.leads.push({ ...records.leads[1]!, id: 2000, email: 'new@example.com', updatedAt: iso(NOW + 2 * DAY) });
    records.activities.push({ ...records.activities[0]!, marketoGUID: 'guid-new', activityDate: iso(NOW + DAY) });
    clock.now = NOW + 3 * DAY;
    const runId = randomUUID();
    const summaries = byObject(await extractAllObjects(database.db, connector, runId));
    expect(summaries.leads).toMatchObject({ recordsRead: 2, rowsLanded: 2, startedFrom: '2026-03-01T00:00:00.000Z' });
    expect(summaries.activities).toMatchObject({ recordsRead: 1, rowsLanded: 1 });
    await expectReconciled(runId, 'mkto-incremental', Object.values(summaries));
    const newExports = [...api.exports.values()].slice(before);
    expect(newExports).toHaveLength(2);
    expect((newExports[0]!.request.filter as { updatedAt: unknown }).updatedAt).toEqual({ startAt: '2026-03-01T00:00:00Z', endAt: '2026-03-04T00:00:00Z' });
    expect(await readWatermark(database.db, 'mkto-incremental', 'leads')).toBe('2026-03-04T00:00:00.000Z');
  });

  it('honours 429 Retry-After, retries a 500, and waits out 606 (rate limit inside HTTP 200)', async () => {
    const { connector, api, waits } = await setup('mkto-faults');
    api.server.inject({ path: /status\.json$/, status: 429, headers: { 'retry-after': '7' } });
    api.server.inject({ path: /create\.json$/, status: 500, times: 1 });
    api.injectError(/enqueue\.json$/, '606', 'Max rate limit \'100\' exceeded with in \'20\' secs');
    api.injectError(/file\.json$/, '615', 'Concurrent access limit reached');
    const runId = randomUUID();
    const summaries = byObject(await extractAllObjects(database.db, connector, runId));
    expect(summaries.leads?.recordsRead).toBe(12);
    expect(summaries.activities?.recordsRead).toBe(18);
    await expectReconciled(runId, 'mkto-faults', Object.values(summaries));
    expect(waits).toContain(7000);
    expect(waits).toContain(20_000);
    expect(waits).toContain(5_000);
    expect(api.server.log.filter((l) => l.includes('create.json'))).toHaveLength(7); // 6 windows + the 500
  });

  it('refreshes the access token once when Marketo answers 602 mid-run', async () => {
    const { connector, api } = await setup('mkto-token');
    const iterator = connector.extract({ object: 'leads', cursor: null, watermark: null, signal: new AbortController().signal })[Symbol.asyncIterator]();
    const first = await iterator.next();
    // The token expires between batches: the next call (creating the second window's export) answers 602.
    api.expireTokens();
    let read = (first.value as ExtractedBatch).recordsRead;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) read += next.value.recordsRead;
    expect(read).toBe(12);
    expect(api.tokensIssued()).toBe(2);
    expect(api.server.log.filter((l) => l.startsWith('GET /identity/oauth/token'))).toHaveLength(2);
  });

  it('fails fast with a UserFacingError naming the source when the client secret is refused; check() says so', async () => {
    const { connector, api } = await setup('mkto-badauth', { secret: 'wrong' });
    const error = await extractAllObjects(database.db, connector, randomUUID()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as Error).message).toContain('source "mkto-badauth"');
    expect((error as Error).message).toContain('401');
    expect(api.server.log).toHaveLength(1);
    const checks = await connector.check(new AbortController().signal);
    expect(checks.map((c) => c.ok)).toEqual([false, false]);
    expect(checks[0]?.message).toContain('clientIdEnv');
  });

  it('check() reports each object reachable with good credentials', async () => {
    const { connector } = await setup('mkto-check');
    const checks = await connector.check(new AbortController().signal);
    expect(checks).toEqual([
      { object: 'leads', ok: true, message: expect.stringContaining('reachable') },
      { object: 'activities', ok: true, message: expect.stringContaining('reachable') },
    ]);
  });

  it('turns a broken CSV line, a bad date and a missing marketoGUID into rejects with exportId:line and the original text', async () => {
    const leads = sampleLeads();
    leads[2]!.createdAt = '31/02/2025';
    const activities = sampleActivities();
    activities[4]!.marketoGUID = '';
    const { connector, api } = await setup('mkto-rejects', {
      leads,
      activities,
      api: { rewriteCsvLine: (object, record, line) => (object === 'leads' && record.id === 1005 ? line.split(',').slice(0, 5).join(',') : line) },
    });
    const runId = randomUUID();
    const summaries = byObject(await extractAllObjects(database.db, connector, runId));
    expect(summaries.leads).toMatchObject({ recordsRead: 12, rowsLanded: 10, rowsRejected: 2 });
    expect(summaries.activities).toMatchObject({ recordsRead: 18, rowsLanded: 17, rowsRejected: 1 });
    await expectReconciled(runId, 'mkto-rejects', Object.values(summaries));
    const rejects = await database.db('raw.rejects').where({ run_id: runId, source: 'mkto-rejects' }).orderBy('reason_code');
    expect(rejects.map((r) => [r.source_object, r.reason_code])).toEqual([
      ['leads', 'bad_timestamp'], ['leads', 'malformed_line'], ['activities', 'missing_id'],
    ].sort((a, b) => a[1]!.localeCompare(b[1]!)));
    const malformed = rejects.find((r) => r.reason_code === 'malformed_line');
    expect(malformed.original).toBe('1005,lead5@example.com,First5,Last5,+1-555-0105');
    const [exportId, line] = String(malformed.position).split(':');
    expect(api.exports.get(exportId!)?.object).toBe('leads');
    const file = api.exports.get(exportId!)!.file!.split('\n');
    expect(file[Number(line) - 1]).toBe(malformed.original);
    expect(rejects.find((r) => r.reason_code === 'bad_timestamp').original).toContain('31/02/2025');
  });

  it('resumes an interrupted run from its cursor, re-using the completed export, and lands each record once', async () => {
    const { connector, api } = await setup('mkto-resume', { batchLines: 3 });
    const runId = randomUUID();
    const interrupted = new DiesAfterBatches(connector, 2);
    await expect(extractAllObjects(database.db, interrupted, runId)).rejects.toThrow('worker lost');
    const exportsBefore = api.exports.size;
    const summaries = byObject(await extractAllObjects(database.db, connector, runId));
    expect(summaries.leads).toMatchObject({ recordsRead: 12, rowsLanded: 12, resumed: true });
    expect(summaries.activities?.recordsRead).toBe(18);
    await expectReconciled(runId, 'mkto-resume', Object.values(summaries));
    const distinct = await database.db('raw.contacts').where({ run_id: runId, source: 'mkto-resume' }).countDistinct({ n: 'source_id' });
    expect(Number(distinct[0]?.n)).toBe(12);
    // The interrupted window's export was complete, so the retry fetched its file again instead of a new export.
    const created = [...api.exports.values()].slice(exportsBefore).filter((e) => e.object === 'leads');
    expect(created).toHaveLength(2);
  });

  it('gives a clear error naming the export when Marketo reports it Failed', async () => {
    const { connector, api } = await setup('mkto-failed');
    api.failNextExport();
    const error = (await extractAllObjects(database.db, connector, randomUUID()).then(() => null, (e: unknown) => e)) as Error;
    const failed = [...api.exports.values()][0]!;
    expect(failed.status).toBe('Failed');
    expect(error).not.toBeInstanceOf(UserFacingError);
    expect(error.message).toBe(
      `source "mkto-failed": Marketo leads export ${failed.exportId} (2025-12-20T00:00:00Z to 2026-01-20T00:00:00Z) ended Failed: Export failed: internal error while writing the file`,
    );
  });

  it('loads generated NDJSON files for the demo server, naming a bad line by file and number', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'segflow-marketo-'));
    try {
      const leadsFile = join(dir, 'leads.ndjson');
      await writeFile(leadsFile, `${sampleLeads().map((l) => JSON.stringify(l)).join('\n')}\n\n`);
      await writeFile(join(dir, 'activities.ndjson'), `${sampleActivities().map((a) => JSON.stringify(a)).join('\n')}\n`);
      const loaded = await loadMarketoRecords({ leads: leadsFile, activities: join(dir, 'activities.ndjson') });
      expect(loaded.leads).toHaveLength(12);
      expect(loaded.activities).toHaveLength(20);
      await writeFile(join(dir, 'broken.ndjson'), '{"id":1}\n{"id":\n');
      await expect(loadMarketoRecords({ leads: join(dir, 'broken.ndjson') })).rejects.toThrow(`${join(dir, 'broken.ndjson')}:2 is not a JSON object`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

