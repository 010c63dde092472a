import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Knex } from 'knex';

/**
 * Knex migrations written as plain SQL files in sql/migrations (NNN_name.sql), applied in name order.
 * Each file runs in knex's migration transaction; a sibling NNN_name.down.sql, when present, reverts it.
 */
export class SqlMigrationSource implements Knex.MigrationSource<string> {
  constructor(private readonly dir: string) {}

  async getMigrations(): Promise<string[]> {
    const files = await readdir(this.dir);
    return files.filter((f) => f.endsWith('.sql') && !f.endsWith('.down.sql')).sort();
  }

  getMigrationName(migration: string): string {
    return migration;
  }

  async getMigration(migration: string): Promise<Knex.Migration> {
    const up = await readFile(join(this.dir, migration), 'utf8');
    const downFile = join(this.dir, migration.replace(/\.sql$/, '.down.sql'));
    return {
      up: (db) => db.raw(up),
      down: async (db) => {
        const down = await readFile(downFile, 'utf8').catch(() => {
          throw new Error(`migration ${migration} has no ${downFile}; it cannot be reverted`);
        });
        await db.raw(down);
      },
    };
  }
}
