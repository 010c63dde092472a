import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { readerSession, sqlState } from '../support/readerSession.js';
import { computeSmallCsvRun, publishSmallCsvRun } from '../support/smallCsvRun.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const DENIED = '42501';
let database: TestDatabase;
let reader: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  await publishSmallCsvRun(database.db, await computeSmallCsvRun(database.db, '2011-09-30'));
  reader = await readerSession(database.url);
});
afterAll(async () => {
  await reader.end();
  await database.drop();
});

const count = async (sql: string) => Number((await reader.query<{ n: string }>(sql)).rows[0]!.n);

describe('segflow_reader', () => {
  it('gives a BI login granted the role exactly its reads', async () => {
    const login = `segflow_test_bi_${randomBytes(4).toString('hex')}`;
    await database.db.raw(`create role ${login} login password 'bi-test'; grant segflow_reader to ${login}`);
    const url = new URL(database.url);
    url.username = login;
    url.password = 'bi-test';
    const bi = new pg.Client({ connectionString: url.toString() });
    try {
      await bi.connect();
      expect((await bi.query('select count(*) as n from segflow.current_segments')).rows[0].n).toBe(18);
      expect(await sqlState(bi, 'select * from segflow.customer_segments limit 1')).toBe(DENIED);
      expect(await sqlState(bi, 'select * from core.orders limit 1')).toBe(DENIED);
    } finally {
      await bi.end();
      await database.db.raw(`drop role ${login}`);
    }
  });

  it('is a role nobody can log in as', async () => {
    const role = await database.db('pg_roles').where({ rolname: 'segflow_reader' }).first('rolcanlogin', 'rolsuper', 'rolcreaterole', 'rolcreatedb');
    expect(role).toEqual({ rolcanlogin: false, rolsuper: false, rolcreaterole: false, rolcreatedb: false });
  });

  it('reads the current run through the views', async () => {
    expect(await count('select count(*) as n from segflow.current_run')).toBe(1);
    expect(await count('select count(*) as n from segflow.current_segments')).toBe(18);
    expect(await count('select count(*) as n from segflow.current_features')).toBe(9);
    expect(await count('select count(*) as n from segflow.activation_memberships')).toBe(18);
    expect(await count('select count(*) as n from segflow.published_kpi_snapshots')).toBeGreaterThan(0);
  });

  it('can select from every view of schema segflow and from the catalogue tables', async () => {
    const relations = await database.db.raw<{ rows: Array<{ relation: string }> }>(`
      select c.relname as relation from pg_class as c join pg_namespace as n on n.oid = c.relnamespace
      where n.nspname = 'segflow' and (c.relkind in ('v', 'm') or c.relname in ('kpi_definitions', 'review_thresholds'))
      order by 1`);
    const states: Record<string, string> = {};
    for (const { relation } of relations.rows) states[relation] = await sqlState(reader, `select * from segflow.${relation} limit 1`);
    expect(Object.entries(states).filter(([, state]) => state !== 'ok')).toEqual([]);
    expect(Object.keys(states)).toContain('kpi_definitions');
  });

  it('cannot read the per-run tables, which hold unpublished rows', async () => {
    const tables = ['customer_segments', 'customer_features', 'segments', 'kpi_snapshots', 'runs', 'segmentation_models', 'clv_models', 'customer_ids', 'erasures'];
    const states = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await sqlState(reader, `select * from segflow.${t} limit 1`)] as const)));
    expect(states).toEqual(Object.fromEntries(tables.map((t) => [t, DENIED])));
  });

  it('cannot read raw or core', async () => {
    expect(await sqlState(reader, 'select * from raw.online_retail_lines limit 1')).toBe(DENIED);
    expect(await sqlState(reader, 'select * from raw.rejects limit 1')).toBe(DENIED);
    expect(await sqlState(reader, 'select * from core.orders limit 1')).toBe(DENIED);
    expect(await sqlState(reader, 'select * from core.identity_records limit 1')).toBe(DENIED);
  });

  it('cannot write anything in segflow, not even through an updatable view', async () => {
    expect(await sqlState(reader, "insert into segflow.kpi_definitions (kpi) values ('x')")).toBe(DENIED);
    expect(await sqlState(reader, "insert into segflow.runs (run_id) values (gen_random_uuid())")).toBe(DENIED);
    expect(await sqlState(reader, "update segflow.published_runs set status = 'failed'")).toBe(DENIED);
    expect(await sqlState(reader, 'delete from segflow.published_runs')).toBe(DENIED);
    expect(await sqlState(reader, 'create table segflow.scratch (x int)')).toBe(DENIED);
    expect(await sqlState(reader, 'create table public.scratch (x int)')).toBe(DENIED);
  });

  it('cannot grant itself more through the grant function', async () => {
    expect(await sqlState(reader, 'select segflow.grant_reader_access()')).toBe(DENIED);
    expect(await sqlState(reader, "select segflow.copy_column_comments('segflow.current_run', 'segflow.runs')")).toBe(DENIED);
  });

  it('is granted a view added after migrate by the next migrate', async () => {
    await database.db.raw("create view segflow.added_later as select run_id from segflow.current_run; comment on view segflow.added_later is 'test'");
    expect(await sqlState(reader, 'select * from segflow.added_later')).toBe(DENIED);
    await migrateToLatest(database.db);
    expect(await sqlState(reader, 'select * from segflow.added_later')).toBe('ok');
    await database.db.raw('drop view segflow.added_later');
  });
});
