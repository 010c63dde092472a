import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../infra/openDatabase.js';
import { log } from '../log.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending schema migrations (sql/migrations) to the database')
    .action(async () => {
      const database = await openDatabase(loadConfig(), log);
      try {
        const applied = database.applied;
        process.stdout.write(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'schema is up to date\n');
      } finally {
        await database.close();
      }
    });
}
