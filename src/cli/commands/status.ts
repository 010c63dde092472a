import type { Command } from 'commander';
import { BadInputError } from '../../badInputError.js';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../infra/openDatabase.js';
import { withTemporalClient } from '../../infra/withTemporalClient.js';
import { findRun } from '../../runs/findRun.js';
import { workflowState } from '../../runs/workflowState.js';
import { log } from '../log.js';
import { formatRunStatus, formatWorkflowStatus } from '../printStatus.js';

export function registerStatus(program: Command): void {
  program
    .command('status <id>')
    .description('where a run or backfill is: status, as-of date, current stage, stage timings, row counts (a run id or a workflow id)')
    .action(async (id: string) => {
      const config = loadConfig();
      const database = await openDatabase(config, log);
      const run = await findRun(database.db, id.trim()).finally(() => database.close());
      // A finished run is all in segflow.runs; only a running one, or a workflow without a run row, needs Temporal.
      if (run && run.status !== 'running') {
        process.stdout.write(`${formatRunStatus(run, undefined)}\n`);
        return;
      }
      const workflowId = run?.workflowId ?? id.trim();
      await withTemporalClient(config, log, async (client) => {
        const workflow = await workflowState(client, workflowId);
        if (run) {
          process.stdout.write(`${formatRunStatus(run, workflow)}\n`);
        } else if (workflow) {
          process.stdout.write(`${formatWorkflowStatus(workflow)}\n`);
        } else {
          throw new BadInputError(`no run or workflow has the id "${id}"`, 'give a run id or workflow id as `segflow runs` or `segflow run` print them');
        }
      });
    });
}
