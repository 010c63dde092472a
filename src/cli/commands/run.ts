import type { Command } from 'commander';
import { parseAsOfDate } from '../../asOfDate.js';
import { loadConfig } from '../../config.js';
import { ONLINE_RETAIL_SOURCE } from '../../sources/onlineRetailFile.js';
import { executeRun } from '../executeRun.js';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('start one segmentation run for an as-of date')
    .requiredOption('--as-of <date>', 'only data dated on or before this day counts (YYYY-MM-DD)')
    .option('--source <name>', 'source to extract', ONLINE_RETAIL_SOURCE)
    .option('--file <path>', 'source file (default: online-retail/online_retail.csv.gz under SEGFLOW_DATA_DIR)')
    .option('--sources <file>', 'extract every source in this sources file (segflow.sources.yaml) instead of one dataset file')
    .option('--full-refresh', 're-read every source object instead of what changed since its watermark', false)
    .option('--wait', 'host a worker in this process, block until the run is published and print its segments', false)
    .action(async (options: { asOf: string; source: string; file?: string; sources?: string; fullRefresh: boolean; wait: boolean }) => {
      const asOf = parseAsOfDate(options.asOf);
      await executeRun(loadConfig(), {
        asOf, source: options.source, file: options.file, sourcesFile: options.sources, fullRefresh: options.fullRefresh, wait: options.wait,
      });
    });
}
