import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../infra/openDatabase.js';
import { formatTable } from '../formatTable.js';
import { log } from '../log.js';

export function registerRuns(program: Command): void {
  program
    .command('runs')
    .description('list segmentation runs, newest first')
    .option('--limit <n>', 'how many runs to show', '20')
    .action(async (options: { limit: string }) => {
      const limit = Number(options.limit);
      const database = await openDatabase(loadConfig(), log);
      try {
        const runs = await database.db('segflow.runs')
          .select('run_id', 'as_of', 'status', 'started_at', 'row_counts')
          .orderBy('started_at', 'desc')
          .limit(Number.isInteger(limit) && limit > 0 ? limit : 20);
        process.stdout.write(formatTable(
          ['run id', 'as of', 'status', 'started', 'customers'],
          runs.map((r) => [r.run_id, r.as_of, r.status, new Date(r.started_at).toISOString().slice(0, 19), String(r.row_counts?.customers ?? '')]),
        ) + '\n');
      } finally {
        await database.close();
      }
    });
}
