import type { ScheduleHandle } from '@temporalio/client';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { withTemporalClient } from '../../infra/withTemporalClient.js';
import { createSchedule, describeSpec } from '../../schedules/createSchedule.js';
import { describeSchedule, listSchedules } from '../../schedules/readSchedules.js';
import { checkScheduleName, OVERLAP_POLICIES, parseScheduleDefinition, type ScheduleArguments } from '../../schedules/scheduleDefinition.js';
import { withScheduleErrors } from '../../schedules/scheduleErrors.js';
import { ONLINE_RETAIL_SOURCE } from '../../sources/onlineRetailFile.js';
import { log } from '../log.js';
import { formatScheduleDetails, formatScheduleList, when } from '../printSchedule.js';
import { resolveRunSource, type RunSourceOptions } from '../resolveRunSource.js';

type CreateOptions = Omit<ScheduleArguments, 'name'> & RunSourceOptions;

const print = (text: string) => process.stdout.write(`${text}\n`);

export function registerSchedule(program: Command): void {
  const schedule = program
    .command('schedule')
    .description('nightly (or any cadence) runs from a Temporal Schedule; each run takes its as-of date from its scheduled time');

  schedule
    .command('create <name>')
    .description('create a schedule that starts a segmentation run at every matching time')
    .option('--cron <expression>', 'when to run, five cron fields in --timezone, e.g. "0 2 * * *" for 02:00 daily')
    .option('--interval <duration>', 'run every so often instead of --cron: 30s, 15m, 12h, 1d')
    .option('--timezone <zone>', 'IANA time zone of the cron fields and of the as-of date', 'UTC')
    .option('--overlap <policy>', `when the previous run is still going: ${Object.keys(OVERLAP_POLICIES).join(', ')}`, 'skip')
    .option('--catchup-window <duration>', 'after an outage, still start runs missed by at most this long', '1d')
    .option('--as-of-lag-days <days>', 'as-of date = the scheduled day minus this many days', '1')
    .option('--source <name>', 'source to extract', ONLINE_RETAIL_SOURCE)
    .option('--file <path>', 'source file (default: online-retail/online_retail.csv.gz under SEGFLOW_DATA_DIR)')
    .option('--sources <file>', 'extract every source in this sources file instead of one dataset file')
    .action(async (name: string, options: CreateOptions) => {
      const config = loadConfig();
      const definition = parseScheduleDefinition({ ...options, name });
      const run = await resolveRunSource(config, options);
      await withTemporalClient(config, log, async (client) => {
        await createSchedule(client, config, definition, run);
        const details = await describeSchedule(client, name);
        print(`created schedule ${name}: ${describeSpec(definition)} in ${definition.timeZone}, next run ${when(details.nextRuns[0])}`);
        log(`runs are executed by a worker on task queue "${config.taskQueue}" (segflow worker)`);
      });
    });

  schedule
    .command('list')
    .description('list the schedules that start segmentation runs')
    .action(async () => {
      await withTemporalClient(loadConfig(), log, async (client) => print(formatScheduleList(await listSchedules(client))));
    });

  schedule
    .command('describe <name>')
    .description('show a schedule: spec, policies, state, next and recent runs')
    .action(async (name: string) => {
      await withTemporalClient(loadConfig(), log, async (client) => print(formatScheduleDetails(await describeSchedule(client, checkScheduleName(name)))));
    });

  schedule
    .command('pause <name>')
    .description('stop a schedule from starting runs until it is unpaused')
    .option('--note <text>', 'why, shown by describe')
    .action(async (name: string, options: { note?: string }) => {
      await onSchedule(name, (handle) => handle.pause(options.note ?? 'paused with segflow schedule pause'), `paused schedule ${name}`);
    });

  schedule
    .command('unpause <name>')
    .description('let a paused schedule start runs again')
    .action(async (name: string) => {
      await onSchedule(name, (handle) => handle.unpause('unpaused with segflow schedule unpause'), `unpaused schedule ${name}`);
    });

  schedule
    .command('trigger <name>')
    .description("start a run now; its as-of date is today's date in the schedule's time zone minus the lag")
    .action(async (name: string) => {
      await onSchedule(name, (handle) => handle.trigger(), `triggered schedule ${name}; \`segflow schedule describe ${name}\` shows the run`);
    });

  schedule
    .command('delete <name>')
    .description('delete a schedule (runs it already started carry on)')
    .action(async (name: string) => {
      await onSchedule(name, (handle) => handle.delete(), `deleted schedule ${name}`);
    });
}

async function onSchedule(name: string, act: (handle: ScheduleHandle) => Promise<void>, done: string): Promise<void> {
  checkScheduleName(name);
  await withTemporalClient(loadConfig(), log, async (client) => {
    await withScheduleErrors(name, () => act(client.schedule.getHandle(name)));
    print(done);
  });
}
