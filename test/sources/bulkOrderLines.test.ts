import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../src/sources/extractCheckpoints.js';
import { extractObject } from '../../src/sources/extractObject.js';
import { isBulkLoading } from '../../src/sources/files/bulk/bulkLoadingConnector.js';
import { extractBulkFile } from '../../src/sources/files/bulk/extractBulkFile.js';
import { onlineRetailConnectorFactory } from '../../src/sources/onlineRetail/onlineRetailConnector.js';
import { onlineRetailLayout } from '../../src/sources/onlineRetail/onlineRetailLayout.js';
import { landedCounts } from '../support/extractAllObjects.js';
import { smallCsv, smallCsvGz } from '../support/paths.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

let database: TestDatabase;
let scratch: string;
const signal = new AbortController().signal;
const fixtureLines = readFileSync(smallCsv, 'utf8').trimEnd().split('\n');

beforeAll(async () => {
  database = await createTestDatabase();
  scratch = mkdtempSync(join(tmpdir(), 'segflow-bulk-'));
});
afterAll(async () => {
  await database?.drop();
  rmSync(scratch, { recursive: true, force: true });
});

function writeScratch(name: string, lines: string[]): string {
  const path = join(scratch, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

async function landed(runId: string, source: string) {
  return database.db('raw.order_lines').where({ run_id: runId, source }).orderBy(database.db.raw('cast(split_part(position, \':\', 2) as int)'))
    .select('source_object', 'source_id', 'position', 'record', 'order_source_id', 'customer_source_id', 'sku', 'description', 'quantity', 'unit_price', 'currency', 'country', database.db.raw('to_json(ordered_at) as ordered_at'));
}

async function rejected(runId: string, source: string) {
  return database.db('raw.rejects').where({ run_id: runId, source }).orderBy(database.db.raw('cast(split_part(position, \':\', 2) as int)'))
    .select('source_object', 'position', 'reason_code', 'detail', 'original');
}

describe('Online Retail bulk load (COPY)', () => {
  it('lands the 551 fixture lines: 546 rows with their values, 5 rejects with their text', async () => {
    const { db } = database;
    const connector = onlineRetailConnectorFactory.create({ name: 'retail', type: 'online-retail', path: smallCsvGz, chunkLines: 100 }, { env: {}, baseDir: '.' });
    expect(isBulkLoading(connector)).toBe(true);
    if (!isBulkLoading(connector)) return;
    expect(await connector.check(signal)).toEqual([{ object: 'order_lines', ok: true, message: 'online_retail_small.csv.gz readable' }]);
    const runId = randomUUID();
    const summary = await connector.loadBulk({ db, runId, object: 'order_lines', fullRefresh: false, signal });
    expect(summary).toMatchObject({ source: 'retail', object: 'order_lines', recordsRead: 551, rowsLanded: 546, rowsRejected: 5, resumed: false });
    expect(await landedCounts(db, runId, 'retail')).toEqual({ order_lines: { rows: 546, rejects: 5 } });

    const rows = await landed(runId, 'retail');
    const at = (line: number) => rows.find((r) => r.position === `online_retail_small.csv.gz:${line}`);
    expect(at(2)).toEqual({
      source_object: 'order_lines', source_id: '536414:2', position: 'online_retail_small.csv.gz:2', record: null, order_source_id: '536414', customer_source_id: null,
      sku: '22139', description: null, quantity: '56.0000', unit_price: '0.0000', currency: 'GBP', country: 'United Kingdom', ordered_at: '2010-12-01T11:52:00+00:00',
    });
    // June is British Summer Time (UTC+1); the customer id loses its '.0'.
    expect(at(321)).toMatchObject({ source_id: '556201:321', customer_source_id: '12347', description: 'RABBIT NIGHT LIGHT', quantity: '12.0000', unit_price: '2.0800', ordered_at: '2011-06-09T12:01:00+00:00' });
    expect(at(336)).toMatchObject({ description: 'FEATHER PEN,COAL BLACK', sku: '51014C' });
    // Landing keeps what cleaning judges later: an unparsable customer, a return, a zero quantity.
    expect(at(548)).toMatchObject({ customer_source_id: 'ABC' });
    expect(at(551)).toMatchObject({ order_source_id: 'C537005', quantity: '6.0000' });
    expect(at(552)).toMatchObject({ quantity: '0.0000' });

    expect(await rejected(runId, 'retail')).toEqual([
      { source_object: 'order_lines', position: 'online_retail_small.csv.gz:545', reason_code: 'bad_timestamp', detail: 'InvoiceDate: not a YYYY-MM-DD HH:MM:SS time: "2011-02-30 10:00:00"', original: fixtureLines[544] },
      { source_object: 'order_lines', position: 'online_retail_small.csv.gz:546', reason_code: 'bad_value', detail: 'Quantity: not a number: "six"', original: fixtureLines[545] },
      { source_object: 'order_lines', position: 'online_retail_small.csv.gz:547', reason_code: 'bad_value', detail: 'UnitPrice: not a number: "1.8x5"', original: fixtureLines[546] },
      { source_object: 'order_lines', position: 'online_retail_small.csv.gz:549', reason_code: 'malformed_line', detail: 'expected 8 fields, found 6', original: fixtureLines[548] },
      { source_object: 'order_lines', position: 'online_retail_small.csv.gz:550', reason_code: 'malformed_line', detail: 'expected 8 fields, found 9', original: fixtureLines[549] },
    ]);

    // Running the finished load again (an activity rerun) changes nothing.
    const again = await connector.loadBulk({ db, runId, object: 'order_lines', fullRefresh: false, signal });
    expect(again).toMatchObject({ recordsRead: 551, rowsLanded: 546, rowsRejected: 5, resumed: true });
    expect(await landedCounts(db, runId, 'retail')).toEqual({ order_lines: { rows: 546, rejects: 5 } });
  });

  it('lands every good line of a file with a broken line in the middle; only that chunk takes the JavaScript parser', async () => {
    const { db } = database;
    const good = fixtureLines.slice(1, 401).filter((l) => !l.startsWith('5370'));
    const broken = '540000,22633,"HAND WARMER UNION JACK,6,2011-03-01 10:00:00,1.85,12347.0,Iceland';
    const path = writeScratch('broken_middle.csv', [fixtureLines[0]!, ...good.slice(0, 250), broken, ...good.slice(250)]);
    const runId = randomUUID();
    const summary = await extractBulkFile({
      db, runId, source: 'retail-broken', object: 'order_lines', file: { name: basename(path), path }, layout: onlineRetailLayout, fullRefresh: false, signal,
      options: { chunkLines: 100 },
    });
    expect(summary).toMatchObject({ recordsRead: 401, rowsLanded: 400, rowsRejected: 1, chunks: { copy: 4, parser: 1 } });
    expect(await landedCounts(db, runId, 'retail-broken')).toEqual({ order_lines: { rows: 400, rejects: 1 } });
    const [reject] = await rejected(runId, 'retail-broken');
    expect(reject).toMatchObject({ position: 'broken_middle.csv:252', reason_code: 'malformed_line', original: broken });
    const rows = await landed(runId, 'retail-broken');
    expect(rows.map((r) => r.position)).toEqual([...Array.from({ length: 250 }, (_, i) => `broken_middle.csv:${i + 2}`), ...Array.from({ length: 150 }, (_, i) => `broken_middle.csv:${i + 253}`)]);
    expect(rows[250]).toMatchObject({ source_id: `${good[250]!.split(',')[0]}:253` });
  });

  it('resumes an interrupted load after the last committed chunk: each line lands exactly once', async () => {
    const { db } = database;
    const runId = randomUUID();
    const file = { name: 'online_retail_small.csv.gz', path: smallCsvGz };
    const load = (afterChunk?: () => void) => extractBulkFile({
      db, runId, source: 'retail-resume', object: 'order_lines', file, layout: onlineRetailLayout, fullRefresh: false, signal, options: { chunkLines: 200, afterChunk },
    });
    await expect(load(() => { throw new Error('worker lost'); })).rejects.toThrow('worker lost');
    expect(await readCheckpoint(db, { runId, source: 'retail-resume', object: 'order_lines' })).toMatchObject({ cursor: { file: file.name, line: 201 }, recordsRead: 200, done: false });
    expect(await landedCounts(db, runId, 'retail-resume')).toEqual({ order_lines: { rows: 200, rejects: 0 } });
    const summary = await load();
    // Bad values are set aside line by line: both chunks stay on the COPY path.
    expect(summary).toMatchObject({ recordsRead: 551, rowsLanded: 546, rowsRejected: 5, resumed: true, chunks: { copy: 2, parser: 0 } });
    expect(await landedCounts(db, runId, 'retail-resume')).toEqual({ order_lines: { rows: 546, rejects: 5 } });
    const duplicates = await db('raw.order_lines').where({ run_id: runId }).groupBy('position').havingRaw('count(*) > 1').select('position');
    expect(duplicates).toEqual([]);
  });

  it('lands the same rows and rejects by COPY as the JavaScript path, across daylight-saving edges and bad values', async () => {
    const { db } = database;
    const lines = [
      fixtureLines[0]!,
      ...fixtureLines.slice(1, 60),
      '581001,22633,SPRING FORWARD,1,2011-03-27 01:30:00,1.00,12347.0,United Kingdom',
      '581002,22633,FALL BACK,1,2011-10-30 01:30:00,1.00,12347.0,United Kingdom',
      '581003,22633,LEAP DAY,1,2012-02-29 10:00:00,1.00,12347.0,United Kingdom',
      '581004,22633,NO LEAP DAY,1,2011-02-29 10:00:00,1.00,12347.0,United Kingdom',
      '581005,22633,NO SECONDS,-2,2011-05-01 09:15,.5,,France',
      '581006,22633,HOUR 24,1,2011-05-01 24:00:00,1.00,,France',
      ',22633,NO INVOICE,1,2011-05-01 10:00:00,1.00,,France',
      '581008,22633,"QUOTED ""NAME""",1,2011-05-01 10:00:00,1e3,,France',
      '581009,,,,,,,',
      ...fixtureLines.slice(540, 548),
      '581010,22633,WIDEST,12345678901234.5678,2099-12-31 23:59:59,0.0001,12348.0,France',
      '581011,22633,SIGNED ZERO,-0,1901-01-01 00:00:00,9.,.0,France',
      '581012,22633,GROUPS,-10000.5,1999-12-31 23:59:59,10000,1234,France',
      // CSV COPY's end-of-data marker means nothing to binary COPY: the line is judged like any other.
      '\\.',
      '581013,22633,AFTER THE MARKER,1,2011-05-01 10:00:00,1.00,,France',
    ];
    const path = writeScratch('parity.csv', lines);
    const file = { name: 'parity.csv', path };
    const copyRun = randomUUID();
    const bulk = await extractBulkFile({ db, runId: copyRun, source: 'parity', object: 'order_lines', file, layout: onlineRetailLayout, fullRefresh: false, signal, options: { chunkLines: 1000 } });
    expect(bulk).toMatchObject({ recordsRead: lines.length - 1, chunks: { copy: 1, parser: 0 } });
    const connector = onlineRetailConnectorFactory.create({ name: 'parity', type: 'online-retail', path }, { env: {}, baseDir: '.' });
    const jsRun = randomUUID();
    const viaJs = await extractObject({ db, runId: jsRun, connector, object: 'order_lines', fullRefresh: false, signal });
    expect(viaJs).toMatchObject({ recordsRead: bulk.recordsRead, rowsLanded: bulk.rowsLanded, rowsRejected: bulk.rowsRejected });
    expect(await landed(jsRun, 'parity')).toEqual(await landed(copyRun, 'parity'));
    expect(await rejected(jsRun, 'parity')).toEqual(await rejected(copyRun, 'parity'));
    const rows = await landed(copyRun, 'parity');
    const byInvoice = (id: string) => rows.find((r) => r.order_source_id === id);
    // A time in the spring-forward gap reads as GMT; the repeated autumn hour as its second (GMT) pass.
    expect(byInvoice('581001')?.ordered_at).toBe('2011-03-27T01:30:00+00:00');
    expect(byInvoice('581002')?.ordered_at).toBe('2011-10-30T01:30:00+00:00');
    expect(byInvoice('581003')?.ordered_at).toBe('2012-02-29T10:00:00+00:00');
    expect(byInvoice('581005')).toMatchObject({ quantity: '-2.0000', unit_price: '0.5000', customer_source_id: null, ordered_at: '2011-05-01T08:15:00+00:00' });
    expect(byInvoice('581009')).toMatchObject({ sku: null, quantity: null, ordered_at: null, country: null });
    expect(byInvoice('581010')).toMatchObject({ quantity: '12345678901234.5678', unit_price: '0.0001', ordered_at: '2099-12-31T23:59:59+00:00', customer_source_id: '12348' });
    expect(byInvoice('581011')).toMatchObject({ quantity: '0.0000', unit_price: '9.0000', ordered_at: '1901-01-01T00:00:00+00:00', customer_source_id: null });
    expect(byInvoice('581013')).toMatchObject({ description: 'AFTER THE MARKER' });
    expect(byInvoice('581012')).toMatchObject({ quantity: '-10000.5000', unit_price: '10000.0000', ordered_at: '1999-12-31T23:59:59+00:00' });
    expect((await rejected(copyRun, 'parity')).map((r) => [r.position, r.reason_code])).toEqual([
      ['parity.csv:64', 'bad_timestamp'],
      ['parity.csv:66', 'bad_timestamp'],
      ['parity.csv:67', 'missing_id'],
      ['parity.csv:68', 'bad_value'],
      ['parity.csv:74', 'bad_timestamp'],
      ['parity.csv:75', 'bad_value'],
      ['parity.csv:76', 'bad_value'],
      ['parity.csv:81', 'malformed_line'],
    ]);
  });

  it('with two chunks in flight, a worker lost after chunk 1 of 3 rolls chunk 2 back; the resumed load lands each line once', async () => {
    const { db } = database;
    const runId = randomUUID();
    const file = { name: 'online_retail_small.csv.gz', path: smallCsvGz };
    let copies = 0;
    const committed: number[] = [];
    const load = (afterChunk?: (chunk: { firstLine: number }) => void) => extractBulkFile({
      db, runId, source: 'retail-pair', object: 'order_lines', file, layout: onlineRetailLayout, fullRefresh: false, signal,
      options: { chunkLines: 200, connections: 2, afterChunk, onPhase: (phase) => { if (phase === 'copy') copies += 1; } },
    });
    await expect(load(() => { throw new Error('worker lost'); })).rejects.toThrow('worker lost');
    // Chunk 2 had COPYed its rows when chunk 1's worker was lost; they rolled back with it.
    expect(copies).toBe(2);
    expect(await readCheckpoint(db, { runId, source: 'retail-pair', object: 'order_lines' })).toMatchObject({ cursor: { file: file.name, line: 201 }, recordsRead: 200 });
    expect(await landedCounts(db, runId, 'retail-pair')).toEqual({ order_lines: { rows: 200, rejects: 0 } });

    const summary = await load((chunk) => { committed.push(chunk.firstLine); });
    expect(committed).toEqual([202, 402]);
    expect(summary).toMatchObject({ recordsRead: 551, rowsLanded: 546, rowsRejected: 5, resumed: true, chunks: { copy: 2, parser: 0 } });
    expect(await landedCounts(db, runId, 'retail-pair')).toEqual({ order_lines: { rows: 546, rejects: 5 } });
    const lines = await db('raw.order_lines').where({ run_id: runId, source: 'retail-pair' }).select(db.raw('count(distinct position) as distinct'), db.raw('count(*) as total')).first();
    expect(lines).toEqual({ distinct: 546, total: 546 });
  });

  it('a chunk PostgreSQL refuses (invalid UTF-8) between two COPY chunks takes the JavaScript path; checkpoints commit in file order', async () => {
    const { db } = database;
    const good = fixtureLines.slice(1, 541);
    const path = join(scratch, 'bad_bytes.csv');
    const text = [fixtureLines[0]!, ...good.slice(0, 250)].join('\n') + '\n';
    // Line 252 holds a byte that is not UTF-8: PostgreSQL refuses the COPY of the chunk holding it.
    const bad = Buffer.concat([Buffer.from('540001,22633,HAND WARMER '), Buffer.from([0xff]), Buffer.from(',6,2011-03-01 10:00:00,1.85,12347.0,Iceland\n')]);
    writeFileSync(path, Buffer.concat([Buffer.from(text), bad, Buffer.from(good.slice(250, 300).join('\n') + '\n')]));
    const runId = randomUUID();
    const committed: Array<{ firstLine: number; path: string }> = [];
    const summary = await extractBulkFile({
      db, runId, source: 'retail-bytes', object: 'order_lines', file: { name: 'bad_bytes.csv', path }, layout: onlineRetailLayout, fullRefresh: false, signal,
      options: { chunkLines: 100, connections: 2, afterChunk: (c) => { committed.push({ firstLine: c.firstLine, path: c.path }); } },
    });
    expect(committed).toEqual([
      { firstLine: 2, path: 'copy' }, { firstLine: 102, path: 'copy' }, { firstLine: 202, path: 'parser' }, { firstLine: 302, path: 'copy' },
    ]);
    const rejectsInGood = good.slice(0, 300).filter((l) => !/^5\d{5},/.test(l) && !l.startsWith('C')).length;
    expect(summary).toMatchObject({ recordsRead: 301, rowsLanded: 301 - summary.rowsRejected, chunks: { copy: 3, parser: 1 } });
    expect(summary.rowsRejected).toBe(rejectsInGood);
    expect(await landedCounts(db, runId, 'retail-bytes')).toEqual({ order_lines: { rows: summary.rowsLanded, rejects: summary.rowsRejected } });
    const row = await db('raw.order_lines').where({ run_id: runId, position: 'bad_bytes.csv:252' }).first();
    expect(row).toMatchObject({ order_source_id: '540001', description: 'HAND WARMER \uFFFD', customer_source_id: '12347', currency: 'GBP' });
    expect(await readCheckpoint(db, { runId, source: 'retail-bytes', object: 'order_lines' })).toMatchObject({ cursor: { file: 'bad_bytes.csv', line: 302 }, done: true });
  });
});
