import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import pg from 'pg';
import { inject } from 'vitest';
import { createKnex } from '../../src/db/createKnex.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ensureDatabase, withDatabase } from '../../src/infra/ensureDatabase.js';

export interface TestDatabase {
  url: string;
  db: Knex;
  drop(): Promise<void>;
}

/** A fresh, migrated database on the suite's PostgreSQL server; drop() removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `segflow_test_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(inject('postgresServerUrl'), name);
  await ensureDatabase(url);
  const db = createKnex(url, 6);
  await migrateToLatest(db);
  return {
    url,
    db,
    drop: async () => {
      await db.destroy();
      const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
