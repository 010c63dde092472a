import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCheckpoint, readWatermark } from '../../src/sources/extractCheckpoints.js';
import { csvConnectorFactory } from '../../src/sources/files/csvConnector.js';
import { ndjsonConnectorFactory } from '../../src/sources/files/ndjsonConnector.js';
import { UserFacingError } from '../../src/userFacingError.js';
import { extractAllObjects, landedCounts } from '../support/extractAllObjects.js';
import { fixtures } from '../support/paths.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';
import { DiesAfterBatches } from '../support/diesAfterBatches.js';

const files = join(fixtures, 'files');
const environment = { env: {}, baseDir: files };

const contactsEntry = {
  name: 'crm-export', type: 'csv', path: 'contacts.csv', entity: 'contacts', idColumn: 'Id', modifiedColumn: 'Modified', timezone: 'America/New_York',
  mapping: { email: 'Email', first_name: 'First Name', last_name: 'Last Name', country: 'Country', created_at_source: 'Created' },
};

const orderLinesEntry = (path: string, name: string) => ({
  name, type: 'csv', path, entity: 'order_lines',
  mapping: { order_source_id: 'order', sku: 'sku', quantity: 'qty', unit_price: 'price', ordered_at: 'at' },
});

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('csv connector', () => {
  it('lands a CSV with quoted, multi-line and broken lines; reconciles; converts zone-less times from the configured zone', async () => {
    const { db } = database;
    const runId = randomUUID();
    const connector = csvConnectorFactory.create(contactsEntry, environment);
    expect(connector.objects()).toEqual(['contacts']);
    const [summary] = await extractAllObjects(db, connector, runId);
    expect(summary).toMatchObject({ object: 'contacts', recordsRead: 11, rowsLanded: 7, rowsRejected: 4 });
    expect(await landedCounts(db, runId, 'crm-export')).toEqual({ contacts: { rows: 7, rejects: 4 } });

    const rows = await db('raw.contacts').where({ run_id: runId }).orderBy('source_id')
      .select('source_id', 'position', 'email', 'first_name', 'last_name', 'country', db.raw('to_json(created_at_source) as created'), db.raw('to_json(source_modified_at) as modified'));
    expect(rows.map((r) => r.source_id)).toEqual(['C-001', 'C-002', 'C-003', 'C-004', 'C-005', 'C-010', 'C-011']);
    const byId = Object.fromEntries(rows.map((r) => [r.source_id, r]));
    // New York is UTC-4 from 10 March 2024 (EDT) and UTC-5 in January (EST).
    expect(byId['C-001']).toMatchObject({ position: 'contacts.csv:2', email: 'ada@example.com', created: '2024-03-31T03:30:00+00:00', modified: '2024-04-02T10:00:00+00:00' });
    expect(byId['C-002']).toMatchObject({ last_name: 'Hopper, RADM', created: '2024-03-31T05:15:00+00:00' });
    expect(byId['C-003']).toMatchObject({ created: '2024-07-01T16:00:00+00:00', modified: '2024-04-03T07:30:00+00:00' });
    // 01:30 on the night clocks go back happens twice; the first (EDT) one is taken.
    expect(byId['C-004']).toMatchObject({ email: 'edsger@example.com', last_name: 'Dijkstra "EWD"', created: '2024-11-03T05:30:00+00:00' });
    expect(byId['C-005']).toMatchObject({ position: 'contacts.csv:6', last_name: 'Liskov\n(two lines)', created: '2024-01-15T05:00:00+00:00' });
    expect(byId['C-011']).toMatchObject({ position: 'contacts.csv:14', country: 'US' });
    const c1 = await db('raw.contacts').where({ run_id: runId, source_id: 'C-001' }).first('record');
    expect(c1.record).toMatchObject({ Id: 'C-001', 'First Name': 'Ada', Created: '2024-03-30 23:30:00' });

    const rejects = await db('raw.rejects').where({ run_id: runId, source: 'crm-export' }).orderBy('position').select('source_object', 'position', 'reason_code', 'detail', 'original');
    expect(rejects.map((r) => [r.position, r.reason_code])).toEqual([
      ['contacts.csv:10', 'missing_id'],
      ['contacts.csv:11', 'bad_timestamp'],
      ['contacts.csv:8', 'malformed_line'],
      ['contacts.csv:9', 'malformed_line'],
    ]);
    const byPosition = Object.fromEntries(rejects.map((r) => [r.position, r]));
    expect(byPosition['contacts.csv:8']).toMatchObject({ source_object: 'contacts', original: 'C-006,broken@example.com,"Unterminated,Quote,US,2024-01-01 00:00:00,2024-04-06T00:00:00Z' });
    expect(byPosition['contacts.csv:8']!.detail).toContain('not closed');
    expect(byPosition['contacts.csv:9']).toMatchObject({ detail: 'expected 7 fields, found 4', original: 'C-007,short@example.com,Too,Few' });
    expect(byPosition['contacts.csv:10']).toMatchObject({ detail: 'no value in Id', original: ',noid@example.com,No,Id,US,2024-01-01 00:00:00,2024-04-07T00:00:00Z' });
    expect(byPosition['contacts.csv:11']!.detail).toContain('2024-02-30 10:00:00');
    expect(await readWatermark(db, 'crm-export', 'contacts')).toBe('2024-04-10T00:00:00.000Z');
  });

  it('with a modification column, the next run reads only versions at or after the watermark', async () => {
    const { db } = database;
    const entry = { ...contactsEntry, name: 'crm-incremental' };
    await extractAllObjects(db, csvConnectorFactory.create(entry, environment), randomUUID());
    const runId = randomUUID();
    const [again] = await extractAllObjects(db, csvConnectorFactory.create(entry, environment), runId);
    // Only C-011 (modified at the watermark) lands again; rejects cannot be dated, so they recur.
    expect(again).toMatchObject({ startedFrom: '2024-04-10T00:00:00.000Z', recordsRead: 5, rowsLanded: 1, rowsRejected: 4 });
    expect(await db('raw.contacts').where({ run_id: runId }).pluck('source_id')).toEqual(['C-011']);
  });

  it('names the source, the column and the header it found when the mapping names a missing column', () => {
    const entry = { ...contactsEntry, mapping: { ...contactsEntry.mapping, email: 'E-mail' } };
    const error = (() => {
      try {
        csvConnectorFactory.create(entry, environment);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as Error).message).toContain('source "crm-export" (csv): mapping.email names column "E-mail"');
    expect((error as Error).message).toContain('its header is: Id, Email, First Name, Last Name, Country, Created, Modified');
    expect(() => csvConnectorFactory.create({ ...contactsEntry, entity: 'people' }, environment)).toThrow(/entity is not a landing entity/);
    expect(() => csvConnectorFactory.create({ ...contactsEntry, timezone: 'Mars/Olympus' }, environment)).toThrow(/timezone is not an IANA time zone/);
    expect(() => csvConnectorFactory.create({ ...contactsEntry, mapping: { emial: 'Email' } }, environment)).toThrow(/mapping.emial is not a column of raw.contacts/);
  });

  it('loads a folder in file-name order, then only newer files; check reports a header that lacks a mapped column', async () => {
    const { db } = database;
    const folder = mkdtempSync(join(tmpdir(), 'segflow-lines-'));
    try {
      cpSync(join(files, 'order_lines'), folder, { recursive: true });
      const entry = { ...orderLinesEntry(folder, 'shop-lines'), batchSize: 2 };
      const firstRun = randomUUID();
      const connector = csvConnectorFactory.create(entry, environment);
      expect(await connector.check(new AbortController().signal)).toEqual([{ object: expect.any(String), ok: true, message: '2 file(s) readable' }]);
      const [first] = await extractAllObjects(db, connector, firstRun);
      expect(first).toMatchObject({ recordsRead: 7, rowsLanded: 6, rowsRejected: 1 });
      expect(await landedCounts(db, firstRun, 'shop-lines')).toEqual({ [connector.objects()[0]!]: { rows: 6, rejects: 1 } });
      const reject = await db('raw.rejects').where({ run_id: firstRun, source: 'shop-lines' }).first();
      expect(reject).toMatchObject({ position: 'lines_2024-01-01.csv:5', reason_code: 'bad_value', original: 'O3,C,x,1.00,2024-01-01 12:00:00' });
      const line = await db('raw.order_lines').where({ run_id: firstRun, position: 'lines_2024-01-02.csv:3' }).first();
      expect(line).toMatchObject({ source_id: 'lines_2024-01-02.csv:3', order_source_id: 'O4', sku: 'D', quantity: '1.0000', unit_price: '19.0000' });
      expect(line.ordered_at.toISOString()).toBe('2024-01-02T09:00:00.000Z');
      expect(await readWatermark(db, 'shop-lines', connector.objects()[0]!)).toBe('lines_2024-01-02.csv');

      cpSync(join(files, 'lines_2024-01-03.csv'), join(folder, 'lines_2024-01-03.csv'));
      const secondRun = randomUUID();
      const [second] = await extractAllObjects(db, csvConnectorFactory.create(entry, environment), secondRun);
      expect(second).toMatchObject({ startedFrom: 'lines_2024-01-02.csv', recordsRead: 2, rowsLanded: 2, rowsRejected: 0 });
      expect(await db('raw.order_lines').where({ run_id: secondRun }).orderBy('position').pluck('position')).toEqual(['lines_2024-01-03.csv:2', 'lines_2024-01-03.csv:3']);
      const [full] = await extractAllObjects(db, csvConnectorFactory.create(entry, environment), randomUUID(), true);
      expect(full).toMatchObject({ startedFrom: null, recordsRead: 9, rowsLanded: 8 });

      cpSync(join(files, 'contacts.csv'), join(folder, 'lines_2024-01-04.csv'));
      const [check] = await csvConnectorFactory.create(entry, environment).check(new AbortController().signal);
      expect(check?.ok).toBe(false);
      expect(check?.message).toContain('mapping.order_source_id names column "order"');
      expect(check?.message).toContain('lines_2024-01-04.csv lacks');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('resumes an interrupted load after the last committed batch: every line lands exactly once', async () => {
    const { db } = database;
    const runId = randomUUID();
    const entry = { ...orderLinesEntry('order_lines', 'shop-resume'), batchSize: 2 };
    await expect(extractAllObjects(db, new DiesAfterBatches(csvConnectorFactory.create(entry, environment), 2), runId)).rejects.toThrow('worker lost');
    const saved = await readCheckpoint(db, { runId, source: 'shop-resume', object: 'order_lines' });
    expect(saved).toMatchObject({ cursor: { file: 'lines_2024-01-01.csv', line: 5 }, recordsRead: 4, done: false });
    const [summary] = await extractAllObjects(db, csvConnectorFactory.create(entry, environment), runId);
    expect(summary).toMatchObject({ recordsRead: 7, rowsLanded: 6, rowsRejected: 1, resumed: true });
    const positions = await db('raw.order_lines').where({ run_id: runId }).orderBy('position').pluck('position');
    expect(positions).toEqual(['lines_2024-01-01.csv:2', 'lines_2024-01-01.csv:3', 'lines_2024-01-01.csv:4', 'lines_2024-01-02.csv:2', 'lines_2024-01-02.csv:3', 'lines_2024-01-02.csv:4']);
    expect(await landedCounts(db, runId, 'shop-resume')).toEqual({ order_lines: { rows: 6, rejects: 1 } });
  });
});

describe('ndjson connector', () => {
  it('lands a gzipped NDJSON file through dotted paths; bad lines become rejects with their text', async () => {
    const { db } = database;
    const runId = randomUUID();
    const connector = ndjsonConnectorFactory.create({
      name: 'site-events', type: 'ndjson', path: 'web_events.ndjson.gz', entity: 'web_events', idColumn: 'event_id', timezone: 'Europe/Berlin',
      mapping: {
        user_id: 'user.id', visitor_id: 'user.anon', event_name: 'name', occurred_at: 'ts', page_url: 'page.url', channel: 'traffic.medium',
        revenue: 'ecommerce.value', currency: 'ecommerce.currency',
      },
    }, environment);
    expect(connector.objects()).toEqual(['web_events']);
    const [summary] = await extractAllObjects(db, connector, runId);
    expect(summary).toMatchObject({ recordsRead: 8, rowsLanded: 3, rowsRejected: 5 });
    expect(await landedCounts(db, runId, 'site-events')).toEqual({ web_events: { rows: 3, rejects: 5 } });
    const rows = await db('raw.web_events').where({ run_id: runId }).orderBy('source_id')
      .select('source_id', 'user_id', 'visitor_id', 'event_name', 'page_url', 'channel', 'revenue', 'currency', 'position', db.raw('to_json(occurred_at) as occurred'));
    expect(rows).toEqual([
      { source_id: 'e1', user_id: 'u1', visitor_id: 'v1', event_name: 'page_view', page_url: 'https://shop.example/', channel: 'organic', revenue: null, currency: null, position: 'web_events.ndjson.gz:1', occurred: '2024-05-01T10:00:00+00:00' },
      { source_id: 'e2', user_id: null, visitor_id: 'v2', event_name: 'purchase', page_url: 'https://shop.example/checkout', channel: null, revenue: '49.9000', currency: 'EUR', position: 'web_events.ndjson.gz:2', occurred: '2024-05-01T11:00:00+00:00' },
      // 01:30 on 27 October 2024 is still summer time in Berlin (UTC+2).
      { source_id: 'e6', user_id: 'u6', visitor_id: 'v6', event_name: 'sign_up', page_url: 'https://shop.example/join', channel: null, revenue: null, currency: null, position: 'web_events.ndjson.gz:9', occurred: '2024-10-26T23:30:00+00:00' },
    ]);
    const rejects = await db('raw.rejects').where({ run_id: runId, source: 'site-events' }).orderBy('position').select('position', 'reason_code', 'original');
    expect(rejects.map((r) => [r.position, r.reason_code])).toEqual([
      ['web_events.ndjson.gz:3', 'invalid_json'],
      ['web_events.ndjson.gz:4', 'invalid_json'],
      ['web_events.ndjson.gz:5', 'not_an_object'],
      ['web_events.ndjson.gz:6', 'missing_id'],
      ['web_events.ndjson.gz:7', 'bad_value'],
    ]);
    expect(rejects[1]!.original).toBe('not json at all');
    expect(rejects[4]!.original).toContain('"value":"lots"');
    const [check] = await connector.check(new AbortController().signal);
    expect(check).toMatchObject({ ok: true });
  });
});
