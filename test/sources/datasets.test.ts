import { randomUUID } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConnector, SourceEnvironment } from '../../src/sources/connector.js';
import { findConnectorFactory } from '../../src/sources/connectorRegistry.js';
import { createCdnowConnector } from '../../src/sources/datasets/cdnow/cdnowConnector.js';
import type { DatasetFileAccess } from '../../src/sources/datasets/datasetFiles/datasetFileAccess.js';
import { createMavenCrmConnector } from '../../src/sources/datasets/mavenCrm/mavenCrmConnector.js';
import { readCheckpoint, readWatermark } from '../../src/sources/extractCheckpoints.js';
import { extractObject, type ObjectExtractSummary } from '../../src/sources/extractObject.js';
import { UserFacingError } from '../../src/userFacingError.js';
import { extractAllObjects, landedCounts } from '../support/extractAllObjects.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const DATA_DIR = process.env.SEGFLOW_DATA_DIR ?? '/work/shared/data';
const FIXTURES = fileURLToPath(new URL('../fixtures/datasets/', import.meta.url));
const environment: SourceEnvironment = { env: {}, baseDir: DATA_DIR };
const signal = new AbortController().signal;

function connectorFor(entry: Record<string, unknown>): SourceConnector {
  const factory = findConnectorFactory(String(entry.type));
  if (!factory) throw new Error(`no factory for ${String(entry.type)}`);
  return factory.create(entry, environment);
}

/** The data lines of a published file, read here independently of the adapters (the files are small). */
function dataLines(path: string, header: boolean): string[] {
  const lines = gunzipSync(readFileSync(path)).toString('utf8').replace(/\r/g, '').split('\n').filter((l) => l !== '');
  return header ? lines.slice(1) : lines;
}

/** records read = rows landed + rows rejected, in the driver's summary and in the tables. */
async function reconcile(db: Knex, runId: string, source: string, summaries: ObjectExtractSummary[]) {
  const counts = await landedCounts(db, runId, source);
  for (const summary of summaries) {
    expect(summary.recordsRead).toBe(summary.rowsLanded + summary.rowsRejected);
    expect(counts[summary.object] ?? { rows: 0, rejects: 0 }).toEqual({ rows: summary.rowsLanded, rejects: summary.rowsRejected });
  }
  return Object.fromEntries(summaries.map((s) => [s.object, { read: s.recordsRead, landed: s.rowsLanded, rejected: s.rowsRejected }]));
}

async function rejectsOf(db: Knex, runId: string, source: string) {
  return db('raw.rejects').where({ run_id: runId, source }).orderByRaw(`source_object, cast(substring(position from ':([0-9]+)$') as integer)`).select('source_object', 'position', 'reason_code', 'original');
}

/** Opens files normally, except the first open of `fileName`, whose stream fails after `afterBytes`. */
function failingOnce(fileName: string, afterBytes: number): DatasetFileAccess {
  let failed = false;
  return {
    open(path) {
      const stream = createReadStream(path, { highWaterMark: 8 * 1024 });
      if (failed || !path.endsWith(fileName)) return stream;
      failed = true;
      let seen = 0;
      return stream.pipe(new Transform({
        transform(chunk: Buffer, _encoding, done) {
          seen += chunk.length;
          if (seen > afterBytes) done(new Error('EIO: disk read failed'));
          else done(null, chunk);
        },
      }));
    },
  };
}

async function sumOf(db: Knex, table: string, where: Record<string, unknown>, expression: string): Promise<string> {
  const row = await db(table).where(where).first(db.raw(`cast(${expression} as text) as total`));
  return String(row.total);
}

/** The resumed attempt must not rewrite what the failed attempt committed: compare landing times. */
async function landedBeforeAndAfter(db: Knex, table: string, runId: string, splitAt: Date) {
  const before = await db(table).where({ run_id: runId }).andWhere('extracted_at', '<', splitAt).count({ n: '*' });
  const after = await db(table).where({ run_id: runId }).andWhere('extracted_at', '>=', splitAt).count({ n: '*' });
  return { before: Number(before[0]?.n), after: Number(after[0]?.n) };
}

describe('dataset adapters on the real public files', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  describe('maven-crm', () => {
    const folder = join(DATA_DIR, 'maven-crm');

    it('lands 85 accounts and 8,800 opportunities with nothing rejected, enriched from the lookup tables', async () => {
      const { db } = database;
      const runId = randomUUID();
      const connector = connectorFor({ name: 'maven', type: 'maven-crm', path: folder });
      const summaries = await extractAllObjects(db, connector, runId);
      expect(await reconcile(db, runId, 'maven', summaries)).toEqual({
        accounts: { read: 85, landed: 85, rejected: 0 },
        sales_pipeline: { read: 8800, landed: 8800, rejected: 0 },
      });

      // zcat accounts.csv.gz | grep -n '^Acme Corporation,' → 2:Acme Corporation,technolgy,1996,1100.04,2822,United States,
      const acme = await db('raw.accounts').where({ run_id: runId, source_id: 'Acme Corporation' }).first();
      expect(acme).toMatchObject({ name: 'Acme Corporation', industry: 'technology', employees: 2822, annual_revenue: '1100040000.00', currency: 'USD', country: 'United States', position: 'accounts.csv.gz:2' });
      expect(acme.record).toMatchObject({ sector: 'technolgy', year_established: '1996', revenue: '1100.04', subsidiary_of: '' });
      const bioholding = await db('raw.accounts').where({ run_id: runId, source_id: 'Bioholding' }).first();
      expect(bioholding).toMatchObject({ country: 'Philippines', record: expect.objectContaining({ office_location: 'Philipines' }) });
      const accountFacts = await db('raw.accounts').where({ run_id: runId, source: 'maven' })
        .first(db.raw(`count(*) filter (where country = 'United States') as us, count(*) filter (where record->>'subsidiary_of' <> '') as subsidiaries, count(distinct industry) as industries`));
      expect(accountFacts).toEqual({ us: 71, subsidiaries: 15, industries: 10 });

      // zcat sales_pipeline.csv.gz | grep -n '^Z063OYW0,' → 3:Z063OYW0,Darcel Schlecht,GTXPro,Isdom,Won,2016-10-25,2017-03-11,4514
      const won = await db('raw.opportunities').where({ run_id: runId, source_id: 'Z063OYW0' }).first();
      expect(won).toMatchObject({ account_source_id: 'Isdom', stage: 'Won', amount: '4514.00', currency: 'USD', is_closed: true, is_won: true, position: 'sales_pipeline.csv.gz:3' });
      expect(won.close_date).toBe('2017-03-11');
      expect(won.created_at_source).toEqual(new Date('2016-10-25T00:00:00Z'));
      expect(won.record).toMatchObject({
        product: 'GTXPro',
        product_details: { product: 'GTX Pro', series: 'GTX', sales_price: '4821' },
        sales_team: { sales_agent: 'Darcel Schlecht', manager: 'Melvin Marxen', regional_office: 'Central' },
      });
      // 8303:3LCLVRVV,Anna Snelling,GTX Basic,,Prospecting,,,
      const prospect = await db('raw.opportunities').where({ run_id: runId, source_id: '3LCLVRVV' }).first();
      expect(prospect).toMatchObject({ account_source_id: null, stage: 'Prospecting', amount: null, is_closed: false, is_won: false, close_date: null, created_at_source: null });

      const lines = dataLines(join(folder, 'sales_pipeline.csv.gz'), true).map((l) => l.split(','));
      const wonInFile = lines.filter((f) => f[4] === 'Won').reduce((sum, f) => sum + Number(f[7]), 0);
      expect(wonInFile).toBe(10_005_534);
      expect(await sumOf(db, 'raw.opportunities', { run_id: runId, source: 'maven', is_won: true }, 'sum(amount)')).toBe(`${wonInFile}.00`);
      const byStage = await db('raw.opportunities').where({ run_id: runId, source: 'maven' }).groupBy('stage')
        .select('stage', db.raw('count(*) as n'), db.raw('count(account_source_id) as with_account'), db.raw('count(created_at_source) as engaged'), db.raw('count(close_date) as closed'));
      expect(Object.fromEntries(byStage.map((r) => [r.stage, [Number(r.n), Number(r.with_account), Number(r.engaged), Number(r.closed)]]))).toEqual({
        Won: [4238, 4238, 4238, 4238], Lost: [2473, 2473, 2473, 2473], Engaging: [1589, 1589 - 1088, 1589, 0], Prospecting: [500, 500 - 337, 0, 0],
      });
      // Every named account joins to an account; every row found its product and agent in the lookups.
      const orphans = await db('raw.opportunities as o').where({ 'o.run_id': runId, 'o.source': 'maven' }).whereNotNull('o.account_source_id')
        .whereNotExists(db('raw.accounts as a').whereRaw('a.run_id = o.run_id and a.source = o.source and a.source_id = o.account_source_id'))
        .count({ n: '*' });
      expect(Number(orphans[0]?.n)).toBe(0);
      const unenriched = await db('raw.opportunities').where({ run_id: runId, source: 'maven' })
        .andWhere((q) => q.whereRaw(`record->'product_details' = 'null'`).orWhereRaw(`record->'sales_team' = 'null'`)).count({ n: '*' });
      expect(Number(unenriched[0]?.n)).toBe(0);
    });

    it('reads nothing on an unchanged file incrementally, and everything on a full refresh', async () => {
      const { db } = database;
      const connector = connectorFor({ name: 'maven-again', type: 'maven-crm', path: folder });
      await extractAllObjects(db, connector, randomUUID());
      const watermark = await readWatermark(db, 'maven-again', 'sales_pipeline');
      expect(watermark).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z sha256:[0-9a-f]{64}$/);
      const secondRun = randomUUID();
      const incremental = await extractAllObjects(db, connector, secondRun);
      expect(incremental.map((s) => [s.object, s.recordsRead, s.startedFrom !== null])).toEqual([['accounts', 0, true], ['sales_pipeline', 0, true]]);
      expect(await landedCounts(db, secondRun, 'maven-again')).toEqual({});
      const full = await extractAllObjects(db, connector, randomUUID(), true);
      expect(full.map((s) => [s.object, s.recordsRead, s.startedFrom])).toEqual([['accounts', 85, null], ['sales_pipeline', 8800, null]]);
      expect(await readWatermark(db, 'maven-again', 'sales_pipeline')).toBe(watermark);
    });

    it('resumes an interrupted pipeline load after its last committed batch, landing each line once', async () => {
      const { db } = database;
      const runId = randomUUID();
      const connector = createMavenCrmConnector({ name: 'maven-flaky', type: 'maven-crm', path: folder, batchSize: 1000 }, environment, failingOnce('sales_pipeline.csv.gz', 90_000));
      const run = () => extractObject({ db, runId, connector, object: 'sales_pipeline', fullRefresh: false, signal });
      await expect(run()).rejects.toThrow('EIO: disk read failed');
      const partial = await readCheckpoint(db, { runId, source: 'maven-flaky', object: 'sales_pipeline' });
      expect(partial?.done).toBe(false);
      expect(partial?.recordsRead).toBeGreaterThanOrEqual(1000);
      expect(partial?.recordsRead).toBeLessThan(8800);
      expect((partial?.recordsRead ?? 1) % 1000).toBe(0);
      expect(partial?.cursor).toMatchObject({ file: 'sales_pipeline.csv.gz', line: (partial?.recordsRead ?? 0) + 1 });
      const { now } = (await db.raw('select clock_timestamp() as now')).rows[0] as { now: Date };

      const resumed = await run();
      expect(resumed).toMatchObject({ recordsRead: 8800, rowsLanded: 8800, rowsRejected: 0, resumed: true });
      expect(await landedBeforeAndAfter(db, 'raw.opportunities', runId, now)).toEqual({ before: partial?.rowsLanded, after: 8800 - (partial?.rowsLanded ?? 0) });
      expect(await reconcile(db, runId, 'maven-flaky', [resumed])).toEqual({ sales_pipeline: { read: 8800, landed: 8800, rejected: 0 } });
    });

    it('rejects unmappable lines with their position, reason and original text (fixture)', async () => {
      const { db } = database;
      const runId = randomUUID();
      const connector = connectorFor({ name: 'maven-broken', type: 'maven-crm', path: join(FIXTURES, 'maven-broken') });
      expect(await reconcile(db, runId, 'maven-broken', await extractAllObjects(db, connector, runId))).toEqual({
        accounts: { read: 4, landed: 1, rejected: 3 },
        sales_pipeline: { read: 5, landed: 2, rejected: 3 },
      });
      expect((await rejectsOf(db, runId, 'maven-broken')).map((r) => [r.position, r.reason_code])).toEqual([
        ['accounts.csv:3', 'missing_id'], ['accounts.csv:4', 'bad_number'], ['accounts.csv:5', 'bad_number'],
        ['sales_pipeline.csv:3', 'unknown_stage'], ['sales_pipeline.csv:4', 'bad_timestamp'], ['sales_pipeline.csv:5', 'bad_number'],
      ]);
      expect((await rejectsOf(db, runId, 'maven-broken'))[1]?.original).toBe('Betatech,medical,1986,647 M,1185,Kenya,');
      const unknown = await db('raw.opportunities').where({ run_id: runId, source_id: 'OK000005' }).first();
      expect(unknown.record).toMatchObject({ product_details: null, sales_team: null });
    });

    it('names the source and the fix for a wrong folder or a wrong file', async () => {
      const { db } = database;
      expect(() => connectorFor({ name: 'maven-nopath', type: 'maven-crm' })).toThrow(UserFacingError);
      const missing = connectorFor({ name: 'maven-missing', type: 'maven-crm', path: join(FIXTURES, 'no-such-folder') });
      const checks = await missing.check(signal);
      expect(checks.map((c) => c.ok)).toEqual([false, false]);
      expect(checks[0]?.message).toContain('source "maven-missing" (maven-crm): accounts.csv.gz (or accounts.csv) not found');
      await expect(extractObject({ db, runId: randomUUID(), connector: missing, object: 'accounts', fullRefresh: false, signal })).rejects.toBeInstanceOf(UserFacingError);
      const wrong = connectorFor({ name: 'maven-wrong', type: 'maven-crm', path: join(FIXTURES, 'maven-wrong-header'), objects: ['accounts'] });
      await expect(extractObject({ db, runId: randomUUID(), connector: wrong, object: 'accounts', fullRefresh: false, signal })).rejects.toThrow('does not start with the expected header');
      const good = connectorFor({ name: 'maven-good', type: 'maven-crm', path: join(DATA_DIR, 'maven-crm') });
      expect((await good.check(signal)).map((c) => c.ok)).toEqual([true, true]);
    });
  });

  describe('olist-funnel', () => {
    const folder = join(DATA_DIR, 'olist-marketing-funnel');

    it('lands 8,000 leads, 842 won deals and their 842 sellers as accounts', async () => {
      const { db } = database;
      const runId = randomUUID();
      const connector = connectorFor({ name: 'olist', type: 'olist-funnel', path: folder });
      expect(await reconcile(db, runId, 'olist', await extractAllObjects(db, connector, runId))).toEqual({
        marketing_qualified_leads: { read: 8000, landed: 8000, rejected: 0 },
        closed_deals: { read: 842, landed: 842, rejected: 0 },
        sellers: { read: 842, landed: 842, rejected: 0 },
      });
      // zcat ...leads...csv.gz | grep -n '^dac32acd4db4c29c230538b72f8dd87d' → 2:dac32acd…,2018-02-01,88740e65…,social
      const lead = await db('raw.leads').where({ run_id: runId, source_id: 'dac32acd4db4c29c230538b72f8dd87d' }).first();
      expect(lead).toMatchObject({ channel: 'social', created_at_source: new Date('2018-02-01T00:00:00Z'), position: 'olist_marketing_qualified_leads_dataset.csv.gz:2' });
      expect(lead.record).toMatchObject({ landing_page_id: '88740e65d5d6b056e0cda098e1ea6313' });
      const channels = await db('raw.leads').where({ run_id: runId, source: 'olist' }).groupBy('channel').select('channel', db.raw('count(*) as n'));
      expect(Object.fromEntries(channels.map((c) => [c.channel ?? '(empty)', Number(c.n)]))).toEqual({
        organic_search: 2296, paid_search: 1586, social: 1350, unknown: 1099, direct_traffic: 499, email: 493,
        referral: 284, other: 150, display: 118, other_publicities: 65, '(empty)': 60,
      });

      // zcat ...closed_deals...csv.gz | grep -n 58caf27a… → 72:58caf27a…,922f6795…,…,2018-09-21 18:18:15,bed_bath_table,online_medium,"cat, wolf",True,True,5-20,reseller,50.0,30000.0
      const deal = await db('raw.opportunities').where({ run_id: runId, source_id: '58caf27a48e7930aefd5437298d64a70' }).first();
      expect(deal).toMatchObject({
        account_source_id: '922f6795c9e65f2485d4e63af76586ff', lead_source_id: '58caf27a48e7930aefd5437298d64a70', stage: 'won',
        amount: '30000.00', currency: 'BRL', is_closed: true, is_won: true, close_date: '2018-09-21',
        position: 'olist_closed_deals_dataset.csv.gz:72',
      });
      expect(deal.record).toMatchObject({ lead_behaviour_profile: 'cat, wolf', business_type: 'reseller', declared_product_catalog_size: '50.0', won_date: '2018-09-21 18:18:15' });
      const seller = await db('raw.accounts').where({ run_id: runId, source: 'olist', source_id: '922f6795c9e65f2485d4e63af76586ff' }).first();
      expect(seller).toMatchObject({ source_object: 'sellers', industry: 'bed_bath_table', name: null });

      // The funnel joins: every deal's MQL is a landed lead, every deal's seller a landed account.
      const unjoined = await db('raw.opportunities as o').where({ 'o.run_id': runId, 'o.source': 'olist' })
        .select(
          db.raw(`count(*) filter (where not exists (select 1 from raw.leads l where l.run_id = o.run_id and l.source = o.source and l.source_id = o.lead_source_id)) as no_lead`),
          db.raw(`count(*) filter (where not exists (select 1 from raw.accounts a where a.run_id = o.run_id and a.source = o.source and a.source_id = o.account_source_id)) as no_account`),
        ).first();
      expect(unjoined).toEqual({ no_lead: 0, no_account: 0 });

      const revenues = dataLines(join(folder, 'olist_closed_deals_dataset.csv.gz'), true).map((l) => Number(l.slice(l.lastIndexOf(',') + 1))).filter((v) => v > 0);
      expect(revenues).toHaveLength(45);
      const declared = await db('raw.opportunities').where({ run_id: runId, source: 'olist' }).first(db.raw('count(amount) as n'), db.raw('cast(sum(amount) as text) as total'));
      expect(declared).toEqual({ n: 45, total: `${revenues.reduce((a, b) => a + b, 0)}.00` });
    });

    it('rejects unmappable lines with their position, reason and original text (fixture)', async () => {
      const { db } = database;
      const runId = randomUUID();
      const connector = connectorFor({ name: 'olist-broken', type: 'olist-funnel', path: join(FIXTURES, 'olist-broken') });
      expect(await reconcile(db, runId, 'olist-broken', await extractAllObjects(db, connector, runId))).toEqual({
        marketing_qualified_leads: { read: 6, landed: 2, rejected: 4 },
        closed_deals: { read: 3, landed: 1, rejected: 2 },
        sellers: { read: 3, landed: 2, rejected: 1 },
      });
      const rejects = await rejectsOf(db, runId, 'olist-broken');
      expect(rejects.map((r) => [r.source_object, r.position, r.reason_code])).toEqual([
        ['closed_deals', 'olist_closed_deals_dataset.csv:3', 'bad_timestamp'],
        ['closed_deals', 'olist_closed_deals_dataset.csv:4', 'bad_number'],
        ['marketing_qualified_leads', 'olist_marketing_qualified_leads_dataset.csv:3', 'bad_timestamp'],
        ['marketing_qualified_leads', 'olist_marketing_qualified_leads_dataset.csv:4', 'missing_id'],
        ['marketing_qualified_leads', 'olist_marketing_qualified_leads_dataset.csv:5', 'malformed_line'],
        ['marketing_qualified_leads', 'olist_marketing_qualified_leads_dataset.csv:6', 'malformed_line'],
        ['sellers', 'olist_closed_deals_dataset.csv:4', 'missing_id'],
      ]);
      expect(rejects[4]?.original).toBe('"aaa4,2018-03-02,lp2,email');
    });
  });

  describe('cdnow', () => {
    const folder = join(DATA_DIR, 'cdnow');

    it('lands the 69,659 master purchases of 23,570 customers, totals matching the file', async () => {
      const { db } = database;
      const runId = randomUUID();
      const connector = connectorFor({ name: 'cdnow', type: 'cdnow', path: folder });
      expect(connector.objects()).toEqual(['CDNOW_master']);
      expect(await reconcile(db, runId, 'cdnow', await extractAllObjects(db, connector, runId))).toEqual({ CDNOW_master: { read: 69659, landed: 69659, rejected: 0 } });

      // zcat CDNOW_master.txt.gz | grep -n '^ 23570 ' → 69659: 23570 19970325  3   51.12 / 69660: 23570 19970326  2   42.96
      const last = await db('raw.orders').where({ run_id: runId, source_id: '23570:69660' }).first();
      expect(last).toMatchObject({ customer_source_id: '23570', ordered_at: new Date('1997-03-26T00:00:00Z'), total: '42.9600', currency: 'USD', position: 'CDNOW_master.txt.gz:69660' });
      expect(last.record).toEqual({ customer_id: '23570', date: '19970326', number_of_cds: '2', dollar_value: '42.96' });
      const first = await db('raw.orders').where({ run_id: runId, source_id: '00001:2' }).first();
      expect(first).toMatchObject({ customer_source_id: '00001', total: '11.7700', ordered_at: new Date('1997-01-01T00:00:00Z') });

      const fields = dataLines(join(folder, 'CDNOW_master.txt.gz'), true).map((l) => l.trim().split(/\s+/));
      const cents = fields.reduce((sum, f) => sum + Math.round(Number(f[3]) * 100), 0);
      expect(cents).toBe(250_031_563);
      const facts = await db('raw.orders').where({ run_id: runId, source: 'cdnow' }).first(
        db.raw('count(distinct customer_source_id) as customers'),
        db.raw('cast(sum(total) as text) as total'),
        db.raw(`sum(cast(record->>'number_of_cds' as integer)) as cds`),
        db.raw('count(*) filter (where total = 0) as free'),
        db.raw('count(distinct (customer_source_id, ordered_at)) as customer_days'),
        db.raw(`cast(min(ordered_at) as text) as first, cast(max(ordered_at) as text) as last`),
      );
      expect(facts).toEqual({
        customers: 23570, total: `${cents / 100}00`, cds: 167881, free: 80, customer_days: 67591,
        first: '1997-01-01 00:00:00+00', last: '1998-06-30 00:00:00+00',
      });
      expect(new Set(fields.map((f) => f[0])).size).toBe(23_570);
    });

    it('lands the 1/10 sample (6,919 purchases, 2,357 customers) with both customer ids in the record', async () => {
      const { db } = database;
      const runId = randomUUID();
      const connector = connectorFor({ name: 'cdnow-sample', type: 'cdnow', path: folder, file: 'sample' });
      expect(await reconcile(db, runId, 'cdnow-sample', await extractAllObjects(db, connector, runId))).toEqual({ CDNOW_sample: { read: 6919, landed: 6919, rejected: 0 } });
      const facts = await db('raw.orders').where({ run_id: runId }).first(db.raw('count(distinct customer_source_id) as customers'), db.raw('cast(sum(total) as text) as total'));
      expect(facts).toEqual({ customers: 2357, total: '244091.9400' });
      // zcat CDNOW_sample.txt.gz | head -1 → " 00004 0001 19970101  2   29.33"
      const first = await db('raw.orders').where({ run_id: runId, source_id: '00004:1' }).first();
      expect(first).toMatchObject({ customer_source_id: '00004', total: '29.3300', position: 'CDNOW_sample.txt.gz:1' });
      expect(first.record).toMatchObject({ master_customer_id: '00004', sample_customer_id: '0001' });
    });

    it('skips an unchanged file incrementally and resumes an interrupted load exactly once', async () => {
      const { db } = database;
      const runId = randomUUID();
      const connector = createCdnowConnector({ name: 'cdnow-flaky', type: 'cdnow', path: folder }, environment, failingOnce('CDNOW_master.txt.gz', 200_000));
      const run = (id: string) => extractObject({ db, runId: id, connector, object: 'CDNOW_master', fullRefresh: false, signal });
      await expect(run(runId)).rejects.toThrow('EIO: disk read failed');
      const partial = await readCheckpoint(db, { runId, source: 'cdnow-flaky', object: 'CDNOW_master' });
      expect(partial?.recordsRead).toBeGreaterThanOrEqual(5000);
      expect(partial?.recordsRead).toBeLessThan(69659);
      expect((partial?.recordsRead ?? 1) % 5000).toBe(0);
      expect(await readWatermark(db, 'cdnow-flaky', 'CDNOW_master')).toBeNull();
      const { now } = (await db.raw('select clock_timestamp() as now')).rows[0] as { now: Date };

      const resumed = await run(runId);
      expect(resumed).toMatchObject({ recordsRead: 69659, rowsLanded: 69659, rowsRejected: 0, resumed: true });
      expect(await landedBeforeAndAfter(db, 'raw.orders', runId, now)).toEqual({ before: partial?.rowsLanded, after: 69659 - (partial?.rowsLanded ?? 0) });

      const nextRun = randomUUID();
      expect(await run(nextRun)).toMatchObject({ recordsRead: 0, rowsLanded: 0 });
      expect(await landedCounts(db, nextRun, 'cdnow-flaky')).toEqual({});
    });

    it('rejects unmappable lines with their position, reason and original text (fixture)', async () => {
      const { db } = database;
      const runId = randomUUID();
      const connector = connectorFor({ name: 'cdnow-broken', type: 'cdnow', path: join(FIXTURES, 'cdnow-broken') });
      expect(await reconcile(db, runId, 'cdnow-broken', await extractAllObjects(db, connector, runId))).toEqual({ CDNOW_master: { read: 7, landed: 2, rejected: 5 } });
      expect((await rejectsOf(db, runId, 'cdnow-broken')).map((r) => [r.position, r.reason_code, r.original])).toEqual([
        ['CDNOW_master.txt:3', 'bad_timestamp', ' 00002 19970230  1   12.00'],
        ['CDNOW_master.txt:4', 'bad_number', ' 00003 19970105  x   5.00'],
        ['CDNOW_master.txt:5', 'malformed_line', ' 00004 19970105  2'],
        ['CDNOW_master.txt:6', 'bad_number', ' 00005 19970106  2   abc'],
        ['CDNOW_master.txt:7', 'malformed_line', ''],
      ]);
      expect(() => connectorFor({ name: 'cdnow-bad', type: 'cdnow', path: folder, file: 'full' })).toThrow('file must be master or sample');
    });
  });
});
