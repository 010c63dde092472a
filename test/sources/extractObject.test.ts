import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractedBatch, ExtractRequest, LandingRow, SourceConnector } from '../../src/sources/connector.js';
import { readWatermark } from '../../src/sources/extractCheckpoints.js';
import { extractObject } from '../../src/sources/extractObject.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

/** An in-memory source of contacts, 3 per page, that can be told to fail after some pages. */
class PagedContacts implements SourceConnector {
  readonly type = 'test';
  failAfterPages = Infinity;
  requests: ExtractRequest[] = [];

  constructor(readonly name: string, public records: Array<{ id: string; email: string; modified: string }>) {}

  objects() {
    return ['Contact'];
  }

  async *extract(request: ExtractRequest): AsyncIterable<ExtractedBatch> {
    this.requests.push(request);
    const pending = this.records.filter((r) => request.watermark === null || r.modified > request.watermark);
    let page = typeof request.cursor === 'number' ? request.cursor : 0;
    let served = 0;
    for (; page * 3 < pending.length; page += 1) {
      if (served++ >= this.failAfterPages) throw new Error('connection reset');
      const slice = pending.slice(page * 3, page * 3 + 3);
      const rows: LandingRow[] = slice.map((r) => ({
        entity: 'contacts', sourceObject: 'Contact', sourceId: r.id, modifiedAt: r.modified, position: null, record: r,
        fields: { email: r.email, created_at_source: r.id === 'c5' ? 'last tuesday' : r.modified },
      }));
      yield { rows, rejects: [], recordsRead: rows.length, cursor: page + 1, highWater: slice.map((r) => r.modified).sort().at(-1) ?? null };
    }
  }

  async check() {
    return [];
  }
}

const records = Array.from({ length: 8 }, (_, i) => ({ id: `c${i + 1}`, email: `p${i + 1}@example.com`, modified: `2026-01-0${i + 1}T00:00:00.000Z` }));

describe('extractObject (the driver every connector runs under)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  const signal = new AbortController().signal;

  it('lands each record once across a failed attempt and its resumed retry, and turns a bad value into a reject', async () => {
    const { db } = database;
    const runId = randomUUID();
    const connector = new PagedContacts('crm-a', records);
    connector.failAfterPages = 2;
    await expect(extractObject({ db, runId, connector, object: 'Contact', fullRefresh: false, signal })).rejects.toThrow('connection reset');
    expect(await readWatermark(db, 'crm-a', 'Contact')).toBeNull();
    connector.failAfterPages = Infinity;
    const summary = await extractObject({ db, runId, connector, object: 'Contact', fullRefresh: false, signal });
    expect(connector.requests.at(-1)?.cursor).toBe(2);
    expect(summary).toMatchObject({ recordsRead: 8, rowsLanded: 7, rowsRejected: 1, resumed: true });
    expect(Number((await db('raw.contacts').where({ run_id: runId }).count({ n: '*' }))[0]?.n)).toBe(7);
    const reject = await db('raw.rejects').where({ run_id: runId, source: 'crm-a' }).first();
    expect(reject).toMatchObject({ source_object: 'Contact', position: 'c5', reason_code: 'bad_timestamp' });
    expect(JSON.parse(reject.original)).toMatchObject({ id: 'c5' });
    expect(await readWatermark(db, 'crm-a', 'Contact')).toBe('2026-01-08T00:00:00.000Z');
    // Running the finished object again (an activity rerun) changes nothing.
    const again = await extractObject({ db, runId, connector, object: 'Contact', fullRefresh: false, signal });
    expect(again.recordsRead).toBe(8);
    expect(connector.requests).toHaveLength(2);
  });

  it('reads only what changed since the watermark, and everything on a full refresh', async () => {
    const { db } = database;
    const connector = new PagedContacts('crm-b', records.slice(0, 5));
    await extractObject({ db, runId: randomUUID(), connector, object: 'Contact', fullRefresh: false, signal });
    connector.records = records;
    const incremental = await extractObject({ db, runId: randomUUID(), connector, object: 'Contact', fullRefresh: false, signal });
    expect(incremental).toMatchObject({ recordsRead: 3, startedFrom: '2026-01-05T00:00:00.000Z' });
    const full = await extractObject({ db, runId: randomUUID(), connector, object: 'Contact', fullRefresh: true, signal });
    expect(full).toMatchObject({ recordsRead: 8, startedFrom: null });
    expect(await readWatermark(db, 'crm-b', 'Contact')).toBe('2026-01-08T00:00:00.000Z');
  });
});
