import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { BACKFILL_STEPS } from '../../runs/asOfDates.js';
import { MAX_BACKFILL_DATES } from '../../runs/backfillPlan.js';
import { ONLINE_RETAIL_SOURCE } from '../../sources/onlineRetailFile.js';
import { executeBackfill, type BackfillRequest } from '../executeBackfill.js';

export function registerBackfill(program: Command): void {
  program
    .command('backfill')
    .description(`one segmentation run per as-of date in a range (at most ${MAX_BACKFILL_DATES} dates), a few at a time; published dates are skipped`)
    .requiredOption('--from <date>', 'first as-of date (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last as-of date (YYYY-MM-DD), inclusive')
    .requiredOption('--every <step>', `${BACKFILL_STEPS.join(' | ')}; month and quarter use month ends and quarter ends`)
    .option('--concurrency <n>', 'runs in flight at once', '2')
    .option('--dry-run', 'print the dates and which would be skipped, start nothing', false)
    .option('--force', 'rerun dates that are already published', false)
    .option('--source <name>', 'source to extract', ONLINE_RETAIL_SOURCE)
    .option('--file <path>', 'source file (default: online-retail/online_retail.csv.gz under SEGFLOW_DATA_DIR)')
    .option('--sources <file>', 'extract every source in this sources file instead of one dataset file')
    .option('--full-refresh', 're-read every source object instead of what changed since its watermark', false)
    .option('--wait', 'host a worker in this process, show progress and block until every date has run', false)
    .action(async (options: BackfillRequest) => {
      await executeBackfill(loadConfig(), options);
    });
}
