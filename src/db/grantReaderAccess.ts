import type { Knex } from 'knex';

/**
 * Re-grants the read-only role segflow_reader SELECT on every segflow view and catalogue table
 * (sql function segflow.grant_reader_access, migration 013), so views added by later migrations
 * are readable too. Idempotent.
 */
export async function grantReaderAccess(db: Knex): Promise<void> {
  await db.raw('select segflow.grant_reader_access()');
}
