import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWatermark } from '../../src/sources/extractCheckpoints.js';
import { postgresTableConnectorFactory } from '../../src/sources/postgresTable/postgresTableConnector.js';
import { extractAllObjects, landedCounts } from '../support/extractAllObjects.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

// The source tables live in the test database itself, in the shapes Airbyte and Fivetran land.
let database: TestDatabase;
const signal = new AbortController().signal;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await db.raw(`
    create schema airbyte;
    create table airbyte.hubspot_contacts (
      id text, email text, firstname text, lastname text, createdate timestamptz,
      _airbyte_raw_id uuid not null default gen_random_uuid(), _airbyte_extracted_at timestamptz not null, _airbyte_meta jsonb
    );
    create schema fivetran_shop;
    create table fivetran_shop.orders (
      id bigint, customer_id text, email text, total numeric(12, 2), currency text, created_at timestamp without time zone,
      _fivetran_synced timestamptz not null, _fivetran_deleted boolean not null default false
    );
  `);
  // Two syncs: ids c01..c12 stamped with only three extraction times, so pages split ties.
  for (let i = 1; i <= 12; i++) {
    const id = `c${String(i).padStart(2, '0')}`;
    const extracted = i <= 5 ? '2024-06-01T10:00:00.123456Z' : i <= 10 ? '2024-06-01T10:00:00.123457Z' : '2024-06-02T08:00:00Z';
    await db('airbyte.hubspot_contacts').insert({
      id, email: `${id}@example.com`, firstname: `F${i}`, lastname: `L${i}`, createdate: `2024-0${1 + (i % 5)}-01T00:00:00Z`,
      _airbyte_extracted_at: extracted, _airbyte_meta: JSON.stringify({ errors: [] }),
    });
  }
  await db('airbyte.hubspot_contacts').insert({ id: null, email: 'ghost@example.com', _airbyte_extracted_at: '2024-06-01T10:00:00Z' });
  await db('airbyte.hubspot_contacts').insert({ id: 'c13', email: 'bad@example.com', createdate: null, lastname: 'x', _airbyte_extracted_at: '2024-06-02T08:00:00Z' });
  for (let i = 1; i <= 7; i++) {
    await db('fivetran_shop.orders').insert({
      id: i * 10, customer_id: `cust-${i % 3}`, email: `o${i}@example.com`, total: `${i * 10}.50`, currency: 'GBP',
      created_at: `2024-07-0${i} 23:30:00`, _fivetran_synced: '2024-07-10T00:00:00Z',
    });
  }
});
afterAll(async () => {
  await database?.drop();
});

const contactsEntry = () => ({
  name: 'hubspot-elt', type: 'postgres-table', connectionEnv: 'ELT_DATABASE_URL', table: 'airbyte.hubspot_contacts', entity: 'contacts',
  idColumn: 'id', modifiedColumn: '_airbyte_extracted_at', batchSize: 4,
  mapping: { email: 'email', first_name: 'firstname', last_name: 'lastname', created_at_source: 'createdate' },
});
const environment = () => ({ env: { ELT_DATABASE_URL: database.url }, baseDir: '.' });

describe('postgres-table connector', () => {
  it('reads an Airbyte-landed table in keyset pages that split rows sharing one extraction time, then only what is new', async () => {
    const { db } = database;
    const connector = postgresTableConnectorFactory.create(contactsEntry(), environment());
    expect(await connector.check(signal)).toEqual([{ object: 'hubspot_contacts', ok: true, message: 'airbyte.hubspot_contacts readable (id id: text)' }]);
    const runId = randomUUID();
    const [summary] = await extractAllObjects(db, connector, runId);
    expect(summary).toMatchObject({ object: 'hubspot_contacts', recordsRead: 14, rowsLanded: 13, rowsRejected: 1, startedFrom: null });
    expect(await landedCounts(db, runId, 'hubspot-elt')).toEqual({ hubspot_contacts: { rows: 13, rejects: 1 } });
    const ids = await db('raw.contacts').where({ run_id: runId }).orderBy('source_id').pluck('source_id');
    expect(ids).toEqual(['c01', 'c02', 'c03', 'c04', 'c05', 'c06', 'c07', 'c08', 'c09', 'c10', 'c11', 'c12', 'c13']);
    const c07 = await db('raw.contacts').where({ run_id: runId, source_id: 'c07' }).first('email', 'first_name', 'record', db.raw('to_json(source_modified_at) as modified'), db.raw('to_json(created_at_source) as created'));
    expect(c07).toMatchObject({ email: 'c07@example.com', first_name: 'F7', modified: '2024-06-01T10:00:00.123+00:00', created: '2024-03-01T00:00:00+00:00' });
    expect(c07.record).toMatchObject({ id: 'c07', _airbyte_meta: { errors: [] } });
    const reject = await db('raw.rejects').where({ run_id: runId, source: 'hubspot-elt' }).first();
    expect(reject).toMatchObject({ reason_code: 'missing_id', detail: 'id is null' });
    expect(reject.position).toMatch(/^ctid:\(\d+,\d+\)$/);
    expect(JSON.parse(reject.original)).toMatchObject({ email: 'ghost@example.com' });
    expect(await readWatermark(db, 'hubspot-elt', 'hubspot_contacts')).toBe('2024-06-02T08:00:00.000Z');

    // A new sync: one changed row and one new row; rows at the watermark are read again (>=).
    await db('airbyte.hubspot_contacts').where({ id: 'c03' }).update({ email: 'c03-new@example.com', _airbyte_extracted_at: '2024-06-03T09:00:00Z' });
    await db('airbyte.hubspot_contacts').insert({ id: 'c14', email: 'c14@example.com', _airbyte_extracted_at: '2024-06-03T09:00:00Z' });
    const nextRun = randomUUID();
    const [next] = await extractAllObjects(db, postgresTableConnectorFactory.create(contactsEntry(), environment()), nextRun);
    expect(next).toMatchObject({ startedFrom: '2024-06-02T08:00:00.000Z', recordsRead: 5, rowsLanded: 5, rowsRejected: 0 });
    expect(await db('raw.contacts').where({ run_id: nextRun }).orderBy('source_id').pluck('source_id')).toEqual(['c03', 'c11', 'c12', 'c13', 'c14']);
    expect(await db('raw.contacts').where({ run_id: nextRun, source_id: 'c03' }).first('email')).toEqual({ email: 'c03-new@example.com' });
    expect(await readWatermark(db, 'hubspot-elt', 'hubspot_contacts')).toBe('2024-06-03T09:00:00.000Z');
  });

  it('pages a Fivetran table by id alone and reads zone-less timestamps in the configured zone', async () => {
    const { db } = database;
    const connector = postgresTableConnectorFactory.create({
      name: 'shop-elt', type: 'postgres-table', connectionEnv: 'ELT_DATABASE_URL', table: 'fivetran_shop.orders', entity: 'orders',
      idColumn: 'id', batchSize: 3, timezone: 'Europe/London',
      mapping: { customer_source_id: 'customer_id', email: 'email', total: 'total', currency: 'currency', ordered_at: 'created_at' },
    }, environment());
    const runId = randomUUID();
    const [summary] = await extractAllObjects(db, connector, runId);
    expect(summary).toMatchObject({ object: 'orders', recordsRead: 7, rowsLanded: 7, rowsRejected: 0 });
    expect(await landedCounts(db, runId, 'shop-elt')).toEqual({ orders: { rows: 7, rejects: 0 } });
    const rows = await db('raw.orders').where({ run_id: runId }).orderBy(db.raw('cast(source_id as int)')).select('source_id', 'total', db.raw('to_json(ordered_at) as ordered'));
    expect(rows.map((r) => r.source_id)).toEqual(['10', '20', '30', '40', '50', '60', '70']);
    // 23:30 in London in July (BST, UTC+1) is 22:30 UTC.
    expect(rows[0]).toEqual({ source_id: '10', total: '10.5000', ordered: '2024-07-01T22:30:00+00:00' });
    expect(await readWatermark(db, 'shop-elt', 'orders')).toBeNull();
  });

  it('names the missing column and the columns found; a missing table is a UserFacingError too', async () => {
    const wrongColumn = postgresTableConnectorFactory.create({ ...contactsEntry(), mapping: { email: 'properties_email' } }, environment());
    const [check] = await wrongColumn.check(signal);
    expect(check?.ok).toBe(false);
    expect(check?.message).toContain('mapping.email names column "properties_email", which airbyte.hubspot_contacts lacks; its columns are: id, email');
    const wrongTable = postgresTableConnectorFactory.create({ ...contactsEntry(), table: 'airbyte.contacts' }, environment());
    expect((await wrongTable.check(signal))[0]?.message).toContain('airbyte.contacts does not exist');
    expect(() => postgresTableConnectorFactory.create(contactsEntry(), { env: {}, baseDir: '.' })).toThrow(/ELT_DATABASE_URL \(named by connectionEnv\) is not set/);
  });
});
