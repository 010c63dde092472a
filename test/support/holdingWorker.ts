/**
 * Process entry for fault tests: the real segflow worker, plus an activity interceptor that parks one
 * named activity at its first attempt and prints `holding <activity>` on stdout, so the test can
 * SIGKILL the process right there, or let the activity go on.
 *
 * Env: the usual DATABASE_URL, TEMPORAL_ADDRESS, SEGFLOW_TASK_QUEUE. Lines on stdin:
 *   hold <activity> entry|exit   park that activity before it runs (entry), or after it ran and
 *                                committed but before Temporal hears of its result (exit)
 *   release                      let a parked activity go on
 * The hold can be set while the worker is already polling, so a test can start workers before it knows where to hold.
 */
import { createInterface } from 'node:readline';
import type { Context } from '@temporalio/activity';
import { DefaultLogger, Runtime, type ActivityInterceptorsFactory } from '@temporalio/worker';
import { loadConfig } from '../../src/config.js';
import { createKnex } from '../../src/db/createKnex.js';
import { createWorker } from '../../src/infra/createWorker.js';

let holdActivity: string | undefined;
let holdAt: 'entry' | 'exit' = 'entry';
let release: () => void = () => undefined;
const released = new Promise<void>((resolve) => { release = resolve; });

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, activity, at] = line.trim().split(/\s+/);
  if (command === 'release') release();
  if (command === 'hold' && activity) {
    holdActivity = activity;
    holdAt = at === 'exit' ? 'exit' : 'entry';
    process.stdout.write(`will hold ${activity} at ${holdAt}\n`);
  }
});

async function holdHere(ctx: Context, keepAlive: boolean): Promise<void> {
  const activity = ctx.info.activityType;
  process.stdout.write(`holding ${activity}\n`);
  // Parked before any work: heartbeat so the server does not time the attempt out while the test acts.
  // Parked after the work: stay silent, as a dead worker would, so extract's progress details are kept.
  const beat = keepAlive ? setInterval(() => ctx.heartbeat(), 2_000) : undefined;
  try {
    await released;
  } finally {
    clearInterval(beat);
  }
  process.stdout.write(`released ${activity}\n`);
}

const hold: ActivityInterceptorsFactory = (ctx) => ({
  inbound: {
    async execute(input, next) {
      const held = ctx.info.activityType === holdActivity && ctx.info.attempt === 1;
      if (held && holdAt === 'entry') await holdHere(ctx, true);
      const result = await next(input);
      if (held && holdAt === 'exit') await holdHere(ctx, false);
      return result;
    },
  },
});

Runtime.install({ logger: new DefaultLogger('WARN') });
const config = loadConfig();
if (!config.databaseUrl || !config.temporalAddress) throw new Error('holdingWorker needs DATABASE_URL and TEMPORAL_ADDRESS');
// The same pool the CLI worker gets from openDatabase.
const db = createKnex(config.databaseUrl);
const { worker, close } = await createWorker(config, config.temporalAddress, db, { activity: [hold] });
process.stdout.write(`polling ${config.taskQueue}\n`);
try {
  await worker.run();
} finally {
  await close();
  await db.destroy();
}
