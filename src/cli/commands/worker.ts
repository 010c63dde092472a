import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { createWorker } from '../../infra/createWorker.js';
import { openDatabase } from '../../infra/openDatabase.js';
import { openTemporal } from '../../infra/openTemporal.js';
import { log } from '../log.js';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run a worker that executes segmentation runs until SIGINT or SIGTERM')
    .action(async () => {
      const config = loadConfig();
      const database = await openDatabase(config, log);
      try {
        const temporal = await openTemporal(config, log, { withUi: true });
        try {
          const { worker, close } = await createWorker(config, temporal.address, database.db);
          log(`worker polling task queue "${config.taskQueue}" at ${temporal.address}${temporal.uiUrl ? `; Temporal Web UI: ${temporal.uiUrl}` : ''}`);
          try {
            await worker.run();
          } finally {
            await close();
          }
        } finally {
          await temporal.stop();
        }
      } finally {
        await database.close();
      }
    });
}
