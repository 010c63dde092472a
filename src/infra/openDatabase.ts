import type { Knex } from 'knex';
import type { SegflowConfig } from '../config.js';
import { createKnex } from '../db/createKnex.js';
import { migrateToLatest } from '../db/migrate.js';
import { startEmbeddedPostgres } from './embeddedPostgres.js';
import { ensureDatabase, withDatabase } from './ensureDatabase.js';

export interface DatabaseHandle {
  databaseUrl: string;
  db: Knex;
  /** Migrations applied by this open. */
  applied: string[];
  close(): Promise<void>;
}

/** DATABASE_URL (database created when missing) or an embedded PostgreSQL; migrated to latest. */
export async function openDatabase(config: SegflowConfig, log: (line: string) => void): Promise<DatabaseHandle> {
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.homeDir, config.embeddedPostgresPort, log);
  const databaseUrl = config.databaseUrl ?? withDatabase(embedded!.serverUrl, 'segflow');
  try {
    await ensureDatabase(databaseUrl);
    const db = createKnex(databaseUrl);
    try {
      const applied = await migrateToLatest(db);
      return {
        databaseUrl,
        db,
        applied,
        close: async () => {
          await db.destroy();
          await embedded?.stop();
        },
      };
    } catch (error) {
      await db.destroy();
      throw error;
    }
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
