import type { Knex } from 'knex';
import { migrationsDir } from '../paths.js';
import { grantReaderAccess } from './grantReaderAccess.js';
import { SqlMigrationSource } from './sqlMigrationSource.js';

const MIGRATIONS_TABLE = 'segflow_migrations';

/**
 * Applies pending migrations, then re-grants the reader role on every view; returns the names applied now.
 * Concurrent callers are serialised by knex's lock table.
 */
export async function migrateToLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({
    migrationSource: new SqlMigrationSource(migrationsDir),
    tableName: MIGRATIONS_TABLE,
  })) as [number, string[]];
  await grantReaderAccess(db);
  return applied;
}
