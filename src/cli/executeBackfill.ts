import type { BackfillTally } from '../../workflows/backfill.js';
import type { SegflowConfig } from '../config.js';
import { connectClient } from '../infra/connectClient.js';
import { createWorker } from '../infra/createWorker.js';
import { openDatabase } from '../infra/openDatabase.js';
import { withServices } from '../infra/withServices.js';
import { planBackfill, type BackfillArguments } from '../runs/backfillPlan.js';
import { publishedAsOfBetween } from '../runs/publishedAsOf.js';
import { startBackfill } from '../runs/startBackfill.js';
import { UserFacingError } from '../userFacingError.js';
import { log } from './log.js';
import { formatBackfillSummary, formatDryRun } from './printBackfill.js';
import { backfillProgressView } from './progressBar.js';
import { resolveRunSource, type RunSourceOptions } from './resolveRunSource.js';
import { watchProgress } from './watchProgress.js';

export interface BackfillRequest extends BackfillArguments, RunSourceOptions {
  force: boolean;
  fullRefresh: boolean;
  dryRun: boolean;
  wait: boolean;
}

/** Checks the request, then either prints the plan (--dry-run) or starts the backfill workflow and, when waiting, hosts its worker. */
export async function executeBackfill(config: SegflowConfig, request: BackfillRequest): Promise<void> {
  const plan = planBackfill(request);
  const source = await resolveRunSource(config, request);
  if (request.dryRun) {
    const database = await openDatabase(config, log);
    try {
      const published = await publishedAsOfBetween(database.db, source.source, plan.from, plan.to);
      process.stdout.write(`${formatDryRun(plan, source.source, published, request.force)}\n`);
    } finally {
      await database.close();
    }
    return;
  }
  await withServices(config, log, async (database, temporal) => {
    const { client, close } = await connectClient(config, temporal.address);
    try {
      // A dev server this process started dies with it, so the backfill must finish before we exit.
      const wait = request.wait || temporal.started;
      const worker = wait ? await createWorker(config, temporal.address, database.db) : undefined;
      const started = await startBackfill(client, config, plan, source, { force: request.force, fullRefresh: request.fullRefresh });
      log(`started backfill ${started.workflowId}: ${plan.dates.length} as-of dates, at most ${plan.concurrency} at a time`);
      if (!worker) {
        process.stdout.write(`${started.workflowId}\n`);
        log(`a worker (\`segflow worker\`) executes it; watch it with \`segflow status ${started.workflowId}\``);
        return;
      }
      let tally: BackfillTally;
      try {
        tally = await worker.worker.runUntil(watchProgress(started.handle, backfillProgressView, started.handle.result()));
      } finally {
        await worker.close();
      }
      process.stdout.write(`${formatBackfillSummary(started.workflowId, tally)}\n`);
      if (tally.failed > 0) {
        throw new UserFacingError(
          `${tally.failed} of ${tally.total} as-of dates failed`,
          `see the reasons above and \`segflow status ${started.workflowId}\`; run the backfill again to retry them (published dates are skipped)`,
        );
      }
    } finally {
      await close();
    }
  });
}
