import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { createWorker } from '../../infra/createWorker.js';
import { withServices } from '../../infra/withServices.js';
import { log } from '../log.js';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run a worker that executes segmentation runs until SIGINT or SIGTERM')
    .action(async () => {
      const config = loadConfig();
      await withServices(config, log, async (database, temporal) => {
        const { worker, close } = await createWorker(config, temporal.address, database.db);
        log(`worker polling task queue "${config.taskQueue}" at ${temporal.address}`);
        try {
          await worker.run();
        } finally {
          await close();
        }
      });
    });
}
