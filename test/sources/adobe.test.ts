import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adobeDataFeedConnectorFactory } from '../../src/sources/adobe/adobeDataFeedConnector.js';
import { ADOBE_FEED_COLUMNS } from '../../src/sources/adobe/adobeFeedColumns.js';
import { feedTimeToUtc } from '../../src/sources/adobe/feedLocalTime.js';
import type { SourceConnector } from '../../src/sources/connector.js';
import { readWatermark } from '../../src/sources/extractCheckpoints.js';
import { extractObject } from '../../src/sources/extractObject.js';
import { UserFacingError } from '../../src/userFacingError.js';
import { extractAllObjects, landedCounts } from '../support/extractAllObjects.js';
import { fixtures } from '../support/paths.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';
import { DiesAfterBatches } from '../support/diesAfterBatches.js';

const feedFixtures = join(fixtures, 'adobe');
const DAY15 = '01-acmeprod_2024-01-15.tsv.gz';
const DAY16 = 'acmeprod_2024-01-16/hit_data.tsv';
const VISITOR_1 = '2983749875634876512_6917529027641081856';
const VISITOR_2 = '3012345678901234567_1234567890123456789';

function feedSource(name: string, path: string, extra: Record<string, unknown> = {}): SourceConnector {
  return adobeDataFeedConnectorFactory.create(
    { name, type: 'adobe-data-feed', path, timezone: 'America/New_York', currency: 'USD', ...extra },
    { env: {}, baseDir: tmpdir() },
  );
}

describe('adobe-data-feed connector (Adobe Analytics data feed deliveries)', () => {
  let database: TestDatabase;
  let scratch: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    scratch = await mkdtemp(join(tmpdir(), 'segflow-adobe-'));
  });
  afterAll(async () => {
    await database?.drop();
    await rm(scratch, { recursive: true, force: true });
  });

  it('lands included hits, rejects excluded and broken ones, and reconciles read = landed + rejected', async () => {
    const { db } = database;
    const runId = randomUUID();
    const [summary] = await extractAllObjects(db, feedSource('adobe-full', feedFixtures), runId);
    expect(summary).toMatchObject({ object: 'hit_data', recordsRead: 14, rowsLanded: 8, rowsRejected: 6 });
    expect(await landedCounts(db, runId, 'adobe-full')).toEqual({ hit_data: { rows: 8, rejects: 6 } });
    expect(await readWatermark(db, 'adobe-full', 'hit_data')).toBe(`2024-01-16/${DAY16}`);

    const rows = await db('raw.web_events').where({ run_id: runId, source: 'adobe-full' });
    const at = (position: string) => rows.find((r) => r.position === position);
    expect(at(`${DAY15}:1`)).toMatchObject({
      source_id: '4823749823749823741_1152921504606846977', visitor_id: VISITOR_1, session_id: `${VISITOR_1}.1`, user_id: null,
      event_name: 'page_view', page_url: 'https://shop.example.com/winter', campaign: 'em:jan_sale', channel: null, revenue: null, currency: null,
    });
    // date_time is New York wall-clock time: 09:30 EST is 14:30 UTC.
    expect(at(`${DAY15}:1`)?.occurred_at.toISOString()).toBe('2024-01-15T14:30:00.000Z');
    expect(at(`${DAY15}:2`)?.event_name).toBe('Shopping Cart Add');
    // A purchase: revenue is the sum of the product prices, in the report suite's currency (not the hit's EUR).
    const purchase = at(`${DAY15}:3`);
    expect(purchase).toMatchObject({ event_name: 'Purchase', user_id: 'CUST-42', revenue: '30.0100', currency: 'USD' });
    expect(purchase?.occurred_at.toISOString()).toBe('2024-01-15T14:35:12.000Z');
    expect(purchase?.record).toMatchObject({ currency: 'EUR', post_event_list: '100,1,200=3', hit_time_gmt: '1705329312' });
    // Backslash-escaped tab and newline inside a value: one hit spanning lines 8-9, unescaped in record.
    const link = at(`${DAY15}:8`);
    expect(link).toMatchObject({ event_name: 'custom_link', page_url: null });
    expect(link?.record.post_pagename).toBe('Search: red\tshoes\npage 2');
    const late = at(`${DAY15}:10`);
    expect(late).toMatchObject({ visitor_id: VISITOR_2, session_id: `${VISITOR_2}.3`, page_url: 'https://shop.example.com/a\\b', campaign: 'cpc:brand' });
    expect(late?.occurred_at.toISOString()).toBe('2024-01-16T04:59:59.000Z');
    // The second delivery has its own column order (its own column_headers.tsv).
    expect(at(`${DAY16}:2`)).toMatchObject({ event_name: 'Purchase', revenue: '45.0000', user_id: 'CUST-42', session_id: `${VISITOR_1}.2` });
    expect(at(`${DAY16}:2`)?.occurred_at.toISOString()).toBe('2024-01-16T13:05:30.000Z');
    expect(at(`${DAY16}:4`)?.event_name).toBe('Custom Event 1');

    const rejects = await db('raw.rejects').where({ run_id: runId, source: 'adobe-full' }).orderBy('position');
    expect(rejects.map((r) => [r.position, r.reason_code, r.detail])).toEqual([
      [`${DAY15}:11`, 'bad_number', 'post_product_list: price "abc" of product "SKU-3" is not a number'],
      [`${DAY15}:4`, 'excluded_hit', 'exclude_hit=2 hit_source=1'],
      [`${DAY15}:5`, 'excluded_hit', 'exclude_hit=0 hit_source=5'],
      [`${DAY15}:6`, 'malformed_line', '10 fields, but column_headers.tsv lists 22 columns'],
      [`${DAY15}:7`, 'bad_timestamp', 'date_time "2024-13-45 99:00:00" is not YYYY-MM-DD HH:MM:SS'],
      [`${DAY16}:3`, 'missing_id', 'post_visid_high or post_visid_low is empty'],
    ]);
    expect(rejects[3]?.original).toBe('en-US\t1001\t223\tUSD\t2024-01-15 10:00:00\t0\t1\t1705330800\t4823749823749823741\t1152921504606846982');
  });

  it('loads only deliveries after the watermark', async () => {
    const { db } = database;
    const folder = join(scratch, 'incremental');
    await cp(feedFixtures, folder, { recursive: true });
    await rename(join(folder, 'acmeprod_2024-01-16'), join(scratch, 'held-back'));
    const [first] = await extractAllObjects(db, feedSource('adobe-incr', folder), randomUUID());
    expect(first).toMatchObject({ recordsRead: 10, rowsLanded: 5, rowsRejected: 5, startedFrom: null });

    await rename(join(scratch, 'held-back'), join(folder, 'acmeprod_2024-01-16'));
    const runId = randomUUID();
    const [second] = await extractAllObjects(db, feedSource('adobe-incr', folder), runId);
    expect(second).toMatchObject({ startedFrom: `2024-01-15/${DAY15}`, recordsRead: 4, rowsLanded: 3, rowsRejected: 1 });
    expect(await landedCounts(db, runId, 'adobe-incr')).toEqual({ hit_data: { rows: 3, rejects: 1 } });
    const [third] = await extractAllObjects(db, feedSource('adobe-incr', folder), randomUUID());
    expect(third).toMatchObject({ startedFrom: `2024-01-16/${DAY16}`, recordsRead: 0 });
  });

  it('resumes after the last committed hit when interrupted mid-file, landing each hit once', async () => {
    const { db } = database;
    const runId = randomUUID();
    const connector = new DiesAfterBatches(feedSource('adobe-resume', feedFixtures, { batchSize: 2 }), 4);
    const attempt = () => extractObject({ db, runId, connector, object: 'hit_data', fullRefresh: false, signal: new AbortController().signal });
    await expect(attempt()).rejects.toThrow('worker lost');
    expect(connector.recordsServed).toBe(8);
    connector.batchesBeforeDeath = Infinity;
    const summary = await attempt();
    // Line 8 starts the hit whose escaped newline runs onto line 9: the retry continues at line 10.
    expect(connector.requests[1]?.cursor).toEqual({ file: `2024-01-15/${DAY15}`, line: 8, complete: false });
    expect(connector.recordsServed).toBe(14);
    expect(summary).toMatchObject({ resumed: true, recordsRead: 14, rowsLanded: 8, rowsRejected: 6 });
    expect(await landedCounts(db, runId, 'adobe-resume')).toEqual({ hit_data: { rows: 8, rejects: 6 } });
  });

  it('names the source and the fix for a missing folder, lookup file or column', async () => {
    const { db } = database;
    const missingFolder = await extractAllObjects(db, feedSource('adobe-nofolder', join(scratch, 'nope')), randomUUID()).catch((e: unknown) => e);
    expect(missingFolder).toBeInstanceOf(UserFacingError);
    expect((missingFolder as UserFacingError).message).toContain('source "adobe-nofolder" (adobe-data-feed): cannot read the data feed folder');
    expect((missingFolder as UserFacingError).fix).toContain('set path to the folder');

    const folder = join(scratch, 'no-headers');
    await cp(feedFixtures, folder, { recursive: true });
    await rm(join(folder, 'column_headers.tsv'));
    await writeFile(join(folder, 'acmeprod_2024-01-15-lookup_data.tar.gz'), '');
    const runId = randomUUID();
    const noHeaders = await extractAllObjects(db, feedSource('adobe-noheaders', folder), runId).catch((e: unknown) => e);
    expect(noHeaders).toBeInstanceOf(UserFacingError);
    expect((noHeaders as UserFacingError).message).toContain(`source "adobe-noheaders" (adobe-data-feed): no column_headers.tsv for ${DAY15}`);
    expect((noHeaders as UserFacingError).fix).toContain('extract acmeprod_2024-01-15-lookup_data.tar.gz next to the hit data');
    expect(await landedCounts(db, runId, 'adobe-noheaders')).toEqual({});

    const badColumn = await extractAllObjects(db, feedSource('adobe-nocolumn', feedFixtures, { customerIdColumn: 'post_evar9' }), randomUUID()).catch((e: unknown) => e);
    expect((badColumn as UserFacingError).message).toMatch(/column_headers\.tsv has no column post_evar9/);

    expect(() => feedSource('adobe-badtz', feedFixtures, { timezone: 'Mars/Olympus' })).toThrow(/timezone "Mars\/Olympus" is not an IANA time zone/);
  });

  it('check() reports deliveries, date range and lookups without landing anything', async () => {
    const { db } = database;
    const [checked] = await feedSource('adobe-check', feedFixtures).check(new AbortController().signal);
    expect(checked).toMatchObject({ object: 'hit_data', ok: true });
    expect(checked?.message).toContain('2 hit data file(s) for 2024-01-15 … 2024-01-16');
    expect(checked?.message).toContain('17 columns, 11 events named');
    expect(checked?.message).toContain('browser.tsv');
    expect(Number((await db('raw.web_events').where({ source: 'adobe-check' }).count({ n: '*' }))[0]?.n)).toBe(0);
    expect(await readWatermark(db, 'adobe-check', 'hit_data')).toBeNull();

    const [missing] = await feedSource('adobe-check-missing', join(scratch, 'nope')).check(new AbortController().signal);
    expect(missing).toMatchObject({ ok: false });
    expect(missing?.message).toContain('cannot read the data feed folder');
  });

  it('reads date_time in the report suite time zone across DST changes', () => {
    expect(feedTimeToUtc('2024-07-04 12:00:00', 'America/New_York')).toBe('2024-07-04T16:00:00.000Z');
    // Repeated hour: the first occurrence (EDT). Skipped hour: moved forward by the gap.
    expect(feedTimeToUtc('2024-11-03 01:30:00', 'America/New_York')).toBe('2024-11-03T05:30:00.000Z');
    expect(feedTimeToUtc('2024-03-10 02:30:00', 'America/New_York')).toBe('2024-03-10T07:30:00.000Z');
    expect(feedTimeToUtc('2024-10-27 02:30:00', 'Europe/Berlin')).toBe('2024-10-27T00:30:00.000Z');
    expect(feedTimeToUtc('2024-02-30 09:30:00', 'UTC')).toBeNull();
    expect(ADOBE_FEED_COLUMNS).toContain('post_visid_high');
  });
});
