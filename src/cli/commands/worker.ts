import { Runtime } from '@temporalio/worker';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { createWorker } from '../../infra/createWorker.js';
import { withServices } from '../../infra/withServices.js';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run a worker that executes segmentation runs until SIGINT or SIGTERM')
    .action(async () => {
      const config = loadConfig();
      // A worker's lines go to the JSON log like everything it runs, for the log shipper to read.
      const logger = Runtime.instance().logger;
      const log = (message: string) => logger.info(message);
      await withServices(config, log, async (database, temporal) => {
        const { worker, close } = await createWorker(config, temporal.address, database.db);
        logger.info('worker polling', { taskQueue: config.taskQueue, temporalAddress: temporal.address });
        try {
          await worker.run();
        } finally {
          await close();
        }
      });
    });
}
