/**
 * The worker the pipeline bench measures, in a process of its own so its memory is its own: the
 * same wiring as `segflow worker` (createWorker) on DATABASE_URL, TEMPORAL_ADDRESS and
 * SEGFLOW_TASK_QUEUE. Prints `ready` once polling can start; on SIGTERM (or when the bench's end of stdin closes) it drains, then prints its
 * peak RSS as JSON. Started by bench/scale/workerProcess.ts, not by hand.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig } from '../../src/config.js';
import { createKnex } from '../../src/db/createKnex.js';
import { createWorker } from '../../src/infra/createWorker.js';

Runtime.install({ logger: new DefaultLogger('WARN') });
const config = loadConfig();
if (!config.databaseUrl || !config.temporalAddress) throw new Error('benchWorker needs DATABASE_URL and TEMPORAL_ADDRESS');
const db = createKnex(config.databaseUrl);
const { worker, close } = await createWorker(config, config.temporalAddress, db);
// The bench holds our stdin open: when it dies, stdin ends and the worker drains and exits with it.
process.stdin.on('end', () => worker.shutdown());
process.stdin.resume();
process.stdout.write('ready\n');
try {
  await worker.run();
} finally {
  await close();
  await db.destroy();
}
process.stdout.write(`${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}\n`);
// stdin (held open by the bench) would keep the process alive.
process.stdin.destroy();
