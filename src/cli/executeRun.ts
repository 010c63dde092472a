import type { SegmentationRunResult } from '../../workflows/segmentationRun.js';
import type { SegflowConfig } from '../config.js';
import { connectClient } from '../infra/connectClient.js';
import { createWorker } from '../infra/createWorker.js';
import { withServices } from '../infra/withServices.js';
import { startSegmentationRun } from '../runs/startSegmentationRun.js';
import { log } from './log.js';
import { printRunSummary } from './printRunSummary.js';
import { runProgressView } from './progressBar.js';
import { resolveRunSource } from './resolveRunSource.js';
import { watchProgress } from './watchProgress.js';

export interface RunRequest {
  asOf: string;
  source: string;
  file: string | undefined;
  /** A sources file: extract all its sources instead of one dataset file. */
  sourcesFile?: string;
  fullRefresh: boolean;
  wait: boolean;
}

/** Starts what is missing, starts the workflow, and (when waiting) prints the published result. */
export async function executeRun(config: SegflowConfig, request: RunRequest): Promise<void> {
  // Fail before starting anything when the input cannot work.
  const runSource = await resolveRunSource(config, { source: request.source, file: request.file, sources: request.sourcesFile });
  await withServices(config, log, async (database, temporal) => {
    const { client, close } = await connectClient(config, temporal.address);
    try {
      // A dev server this process started dies with it, so the run must finish before we exit.
      const wait = request.wait || temporal.started;
      // Waiting hosts a worker here too: Temporal cannot tell reliably whether another one is alive.
      const worker = wait ? await createWorker(config, temporal.address, database.db) : undefined;
      const started = await startSegmentationRun(client, config, runSource.sourcesFile
        ? { asOf: request.asOf, ...runSource, fullRefresh: request.fullRefresh }
        : { asOf: request.asOf, ...runSource });
      log(`started workflow ${started.workflowId} (run ${started.runId})`);
      if (!worker) {
        process.stdout.write(`${started.workflowId}\n`);
        log('the run is queued; a worker (`segflow worker`) executes it. Add --wait to block until it is published');
        return;
      }
      try {
        const result: SegmentationRunResult = await worker.worker.runUntil(watchProgress(started.handle, runProgressView, started.handle.result()));
        await printRunSummary(database.db, result, database.databaseUrl);
      } finally {
        await worker.close();
      }
    } finally {
      await close();
    }
  });
}
