import { randomUUID } from 'node:crypto';
import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConnector } from '../../src/sources/connector.js';
import { readWatermark } from '../../src/sources/extractCheckpoints.js';
import { extractObject } from '../../src/sources/extractObject.js';
import { ga4ExportConnectorFactory } from '../../src/sources/ga4/ga4ExportConnector.js';
import type { Ga4ExportRow } from '../../src/sources/ga4/ga4ExportRow.js';
import { UserFacingError } from '../../src/userFacingError.js';
import { extractAllObjects, landedCounts } from '../support/extractAllObjects.js';
import { fixtures } from '../support/paths.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';
import { DiesAfterBatches } from '../support/diesAfterBatches.js';

const ga4Fixtures = join(fixtures, 'ga4');

function ga4Source(name: string, path: string, extra: Record<string, unknown> = {}): SourceConnector {
  return ga4ExportConnectorFactory.create({ name, type: 'ga4-export', path, ...extra }, { env: {}, baseDir: tmpdir() });
}

describe('ga4-export connector (GA4 BigQuery export files)', () => {
  let database: TestDatabase;
  let scratch: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    scratch = await mkdtemp(join(tmpdir(), 'segflow-ga4-'));
  });
  afterAll(async () => {
    await database?.drop();
    await rm(scratch, { recursive: true, force: true });
  });

  it('lands every daily file, reconciles read = landed + rejected, and maps events exactly', async () => {
    const { db } = database;
    const runId = randomUUID();
    const [summary] = await extractAllObjects(db, ga4Source('ga4-full', ga4Fixtures), runId);
    expect(summary).toMatchObject({ object: 'events', recordsRead: 12, rowsLanded: 8, rowsRejected: 4 });
    expect(await landedCounts(db, runId, 'ga4-full')).toEqual({ events: { rows: 8, rejects: 4 } });
    expect(await readWatermark(db, 'ga4-full', 'events')).toBe('events_20240116.ndjson');

    const rows = await db('raw.web_events').where({ run_id: runId, source: 'ga4-full' }).orderBy('position');
    const at = (position: string) => rows.find((r) => r.position === position);
    expect(at('events_20240115.json.gz:1')).toMatchObject({
      visitor_id: '1234567890.1705311000', user_id: null, session_id: '1234567890.1705311000.1705311000', event_name: 'page_view',
      page_url: 'https://shop.example.com/winter?utm_medium=email&utm_campaign=jan_sale', channel: 'email', campaign: 'jan_sale',
      revenue: null, currency: null,
    });
    expect(at('events_20240115.json.gz:1')?.occurred_at.toISOString()).toBe('2024-01-15T09:30:00.123Z');
    const purchase = at('events_20240115.json.gz:3');
    expect(purchase).toMatchObject({ user_id: 'CUST-42', event_name: 'purchase', revenue: '59.9000', currency: 'EUR', channel: '(none)', campaign: '(direct)' });
    expect(purchase?.occurred_at.toISOString()).toBe('2024-01-15T09:35:12.500Z');
    expect(purchase?.source_id).toMatch(/^[0-9a-f]{40}$/);
    expect((purchase?.record as Ga4ExportRow).ecommerce?.transaction_id).toBe('T-1001');
    // No ecommerce.purchase_revenue: the purchase's `value` parameter (an INT64 string) is the revenue.
    expect(at('events_20240115.json.gz:8')).toMatchObject({ user_id: 'CUST-77', revenue: '120.0000', currency: 'USD', channel: 'cpc', campaign: 'brand_search' });
    expect(at('events_20240116.ndjson:4')).toMatchObject({ revenue: '19.9900', channel: 'paid_social', session_id: '42.1705392100.1705392100' });
    expect(new Set(rows.map((r) => r.source_id)).size).toBe(8);

    const rejects = await db('raw.rejects').where({ run_id: runId, source: 'ga4-full' }).orderBy('position');
    expect(rejects.map((r) => [r.position, r.reason_code])).toEqual([
      ['events_20240115.json.gz:4', 'malformed_line'],
      ['events_20240115.json.gz:5', 'bad_timestamp'],
      ['events_20240115.json.gz:6', 'missing_id'],
      ['events_20240116.ndjson:3', 'malformed_line'],
    ]);
    expect(rejects[3]).toMatchObject({ source_object: 'events', original: 'not json at all' });
    expect(rejects[0]?.original).toMatch(/^\{"event_date":"20240115","event_timestamp":"1705311400000000"/);
  });

  it('loads only newer days incrementally, and re-reads the last loaded day that GA4 may have rewritten', async () => {
    const { db } = database;
    const folder = join(scratch, 'incremental');
    await cp(ga4Fixtures, folder, { recursive: true });
    const first = await extractAllObjects(db, ga4Source('ga4-incr', folder), randomUUID());
    expect(first[0]).toMatchObject({ recordsRead: 12, startedFrom: null });

    // GA4 re-exports the 16th with a late event, and the 17th arrives.
    const lateEvent = { event_date: '20240116', event_timestamp: '1705420000000000', event_name: 'page_view', user_pseudo_id: 'late.1', event_bundle_sequence_id: '9' };
    await appendFile(join(folder, 'events_20240116.ndjson'), `${JSON.stringify(lateEvent)}\n`);
    const day17: Ga4ExportRow[] = [
      { event_date: '20240117', event_timestamp: 1705485600000000, event_name: 'page_view', user_pseudo_id: '1234567890.1705311000', event_params: [{ key: 'ga_session_id', value: { int_value: 1705485600 } }] },
      { event_date: '20240117', event_timestamp: '1705485660000000', event_name: 'scroll', user_pseudo_id: '1234567890.1705311000' },
    ];
    await writeFile(join(folder, 'events_20240117.json.gz'), gzipSync(day17.map((r) => JSON.stringify(r)).join('\n')));

    const runId = randomUUID();
    const [second] = await extractAllObjects(db, ga4Source('ga4-incr', folder), runId);
    expect(second).toMatchObject({ startedFrom: 'events_20240116.ndjson', recordsRead: 7, rowsLanded: 6, rowsRejected: 1 });
    expect(await landedCounts(db, runId, 'ga4-incr')).toEqual({ events: { rows: 6, rejects: 1 } });
    const positions = (await db('raw.web_events').where({ run_id: runId, source: 'ga4-incr' }).pluck('position')).sort();
    expect(positions).toEqual([
      'events_20240116.ndjson:1', 'events_20240116.ndjson:2', 'events_20240116.ndjson:4', 'events_20240116.ndjson:5',
      'events_20240117.json.gz:1', 'events_20240117.json.gz:2',
    ]);
    expect(await readWatermark(db, 'ga4-incr', 'events')).toBe('events_20240117.json.gz');

    // The re-read purchase of the 16th keeps its id across runs, so downstream keeps one version.
    const ids = await db('raw.web_events').where({ source: 'ga4-incr', position: 'events_20240116.ndjson:4' }).pluck('source_id');
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(1);

    const [none] = await extractAllObjects(db, ga4Source('ga4-incr', folder, { reloadDays: 0 }), randomUUID());
    expect(none).toMatchObject({ startedFrom: 'events_20240117.json.gz', recordsRead: 0 });
  });

  it('resumes mid-file from the committed cursor after an interruption, landing each record once', async () => {
    const { db } = database;
    const runId = randomUUID();
    const connector = new DiesAfterBatches(ga4Source('ga4-resume', ga4Fixtures, { batchSize: 2 }), 3);
    const attempt = () => extractObject({ db, runId, connector, object: 'events', fullRefresh: false, signal: new AbortController().signal });
    await expect(attempt()).rejects.toThrow('worker lost');
    expect(connector.recordsServed).toBe(6);
    connector.batchesBeforeDeath = Infinity;
    const summary = await attempt();
    expect(connector.requests[1]?.cursor).toEqual({ file: 'events_20240115.json.gz', line: 6, complete: false });
    // The retry served only what the failed attempt had not committed: lines 7-8 of the 15th and the 16th.
    expect(connector.recordsServed).toBe(12);
    expect(summary).toMatchObject({ resumed: true, recordsRead: 12, rowsLanded: 8, rowsRejected: 4 });
    expect(await landedCounts(db, runId, 'ga4-resume')).toEqual({ events: { rows: 8, rejects: 4 } });
  });

  it('fails with a fix when the folder is missing or a file is cut short, and check() reports files without landing anything', async () => {
    const { db } = database;
    const missing = ga4Source('ga4-missing', join(scratch, 'no-such-folder'));
    const error = await extractAllObjects(db, missing, randomUUID()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).message).toContain('source "ga4-missing" (ga4-export)');
    expect((error as UserFacingError).fix).toContain('set path to the folder');
    const [missingCheck] = await missing.check(new AbortController().signal);
    expect(missingCheck).toMatchObject({ object: 'events', ok: false });

    // A partly copied .gz is named, not a stack trace.
    const truncated = join(scratch, 'truncated');
    await mkdir(truncated);
    const whole = gzipSync(`${JSON.stringify({ event_timestamp: '1705311000000000', event_name: 'x', user_pseudo_id: 'p' })}\n`.repeat(200));
    await writeFile(join(truncated, 'events_20240118.json.gz'), whole.subarray(0, whole.length / 2));
    const cut = await extractAllObjects(db, ga4Source('ga4-truncated', truncated), randomUUID()).catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(UserFacingError);
    expect((cut as UserFacingError).message).toContain('source "ga4-truncated" (ga4-export): events_20240118.json.gz is not a complete gzip file');

    const [checked] = await ga4Source('ga4-check', ga4Fixtures).check(new AbortController().signal);
    expect(checked?.ok).toBe(true);
    expect(checked?.message).toContain('2 daily export file(s) for 20240115 … 20240116');
    expect(checked?.message).toContain('1 other file(s) ignored (e.g. events_intraday_20240117.json)');
    expect(Number((await db('raw.web_events').where({ source: 'ga4-check' }).count({ n: '*' }))[0]?.n)).toBe(0);
    expect(await readWatermark(db, 'ga4-check', 'events')).toBeNull();
  });
});
