import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import pg from 'pg';
import { createKnex } from '../../src/db/createKnex.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ensureDatabase, withDatabase } from '../../src/infra/ensureDatabase.js';
import { disposableDatabaseName } from './disposableDatabase.js';
import { landScaleData, type Landed } from './landScaleData.js';
import { GENERATOR_VERSION } from './scaleCustomer.js';
import type { ScaleSpec } from './scaleRecords.js';

export interface LandedDatabase {
  db: Knex;
  landed: Landed;
  /** True when the landed data was copied from a kept template instead of generated. */
  reused: boolean;
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The kept copy's name: the database name, the size and a hash of everything that shapes the data. */
export function templateName(database: string, spec: ScaleSpec): string {
  const hash = createHash('sha256').update(JSON.stringify({ ...spec, generator: GENERATOR_VERSION })).digest('hex').slice(0, 10);
  return `${database}_landed_${spec.customers}_${hash}`;
}

/**
 * A fresh, migrated bench database with the population landed: cleaning reads the newest landed
 * version of every record of a source across runs, so nothing from an earlier bench may remain.
 * With keepLanded, the landed database is kept as a template; any run of the same spec copies a kept
 * template when there is one (CREATE DATABASE … TEMPLATE, a file copy) instead of generating and COPYing again.
 */
export async function landedDatabase(url: string, spec: ScaleSpec, keepLanded: boolean, log: (line: string) => void): Promise<LandedDatabase> {
  const name = disposableDatabaseName(url);
  const template = templateName(name, spec);
  const ident = (client: pg.Client, id: string) => client.escapeIdentifier(id);
  const templateExists = await admin(url, async (client) => {
    await client.query(`drop database if exists ${ident(client, name)} with (force)`);
    return ((await client.query('select 1 from pg_database where datname = $1', [template])).rowCount ?? 0) > 0;
  });
  if (templateExists) {
    log(`copying the landed population from database ${template}`);
    const started = performance.now();
    await admin(url, (client) => client.query(`create database ${ident(client, name)} template ${ident(client, template)}`));
    const db = createKnex(url, 3);
    await migrateToLatest(db);
    const rows = (await db('bench.landed').first('rows')).rows as Record<string, number>;
    return { db, landed: { seconds: (performance.now() - started) / 1000, rows }, reused: true };
  }
  await ensureDatabase(url);
  let db = createKnex(url, 3);
  await migrateToLatest(db);
  const landed = await landScaleData(db, spec, log);
  await db.raw('create schema if not exists bench');
  await db.raw('create table bench.landed (spec jsonb not null, rows jsonb not null)');
  await db('bench.landed').insert({ spec: JSON.stringify(spec), rows: JSON.stringify(landed.rows) });
  if (keepLanded) {
    await db.destroy();
    await admin(url, (client) => client.query(`create database ${ident(client, template)} template ${ident(client, name)}`));
    log(`kept the landed population as database ${template} (drop it to free the space)`);
    db = createKnex(url, 3);
  }
  return { db, landed, reused: false };
}
