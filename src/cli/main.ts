import { Runtime } from '@temporalio/worker';
import { Command } from 'commander';
import { BadInputError } from '../badInputError.js';
import { codeVersion } from '../codeVersion.js';
import { registerBackfill } from './commands/backfill.js';
import { registerClv } from './commands/clv.js';
import { registerDemo } from './commands/demo.js';
import { registerForget } from './commands/forget.js';
import { registerMigrate } from './commands/migrate.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerRuns } from './commands/runs.js';
import { registerSchedule } from './commands/schedule.js';
import { registerSources } from './commands/sources.js';
import { registerStatus } from './commands/status.js';
import { registerWorker } from './commands/worker.js';
import { createJsonLogger, logLevelFrom } from '../observability/jsonLogger.js';
import { temporalJsonLogger } from '../observability/temporalJsonLogger.js';
import { describeError } from './describeError.js';

export async function main(argv: string[]): Promise<number> {
  try {
    // A worker logs each stage it runs; other commands print results and log only warnings.
    Runtime.install({ logger: temporalJsonLogger(createJsonLogger(logLevelFrom(process.env, argv[2] === 'worker' ? 'info' : 'warn'))) });
  } catch (error) {
    process.stderr.write(describeError(error) + '\n');
    return error instanceof BadInputError ? error.exitCode : 1;
  }
  const program = new Command('segflow')
    .description('customer segmentation on Temporal and PostgreSQL: RFM, k-means, KPI snapshots')
    .version(codeVersion())
    .showHelpAfterError()
    .exitOverride();
  registerDemo(program);
  registerWorker(program);
  registerRun(program);
  registerMigrate(program);
  registerRuns(program);
  registerStatus(program);
  registerBackfill(program);
  registerSchedule(program);
  registerClv(program);
  registerSources(program);
  registerForget(program);
  registerReport(program);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return 0;
    if (code?.startsWith('commander.')) return 2;
    process.stderr.write(describeError(error) + '\n');
    if (process.env.SEGFLOW_DEBUG) console.error(error);
    return error instanceof BadInputError ? error.exitCode : 1;
  }
}

const isEntry = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/src/cli/main.ts');
if (isEntry) {
  main(process.argv).then((exitCode) => process.exit(exitCode));
}
