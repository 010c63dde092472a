import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { ONLINE_RETAIL_SOURCE } from '../../sources/onlineRetailFile.js';
import { executeRun } from '../executeRun.js';

export const DEMO_AS_OF = '2011-12-09';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(`zero-config: start what is missing, run the pipeline on Online Retail as of ${DEMO_AS_OF}, print the segments`)
    .action(async () => {
      await executeRun(loadConfig(), { asOf: DEMO_AS_OF, source: ONLINE_RETAIL_SOURCE, file: undefined, fullRefresh: false, wait: true });
    });
}
