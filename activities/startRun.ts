import { parseAsOfDate } from '../src/asOfDate.js';
import { claimAsOf, DEFAULT_AS_OF_CLAIM_TIMEOUT_MINUTES } from '../src/runs/asOfClaim.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, StartRunInput, StageResult } from './types.js';

/**
 * Records the run as running and claims its source and as-of date. A retry or a replayed start leaves
 * the existing row as it is. While another live run holds the date, this run is recorded as failed
 * (the workflow has not entered its failure handling yet) and refused with a non-retryable error.
 */
export function makeStartRun({ db, codeVersion, kmeansSeed, asOfClaimTimeoutMinutes }: ActivityDeps) {
  return async function startRun(input: StartRunInput): Promise<StageResult> {
    return runStage(async () => {
      parseAsOfDate(input.asOf);
      const refusal = await db.transaction(async (trx) => {
        await trx('segflow.runs')
          .insert({
            run_id: input.runId,
            workflow_id: input.workflowId,
            as_of: input.asOf,
            source: input.source,
            status: 'running',
            code_version: codeVersion,
            parameters: {
              sourceFile: input.sourceFile ?? null, sourcesFile: input.sourcesFile ?? null, fullRefresh: input.fullRefresh ?? false, kmeansSeed, kRange: [2, 8],
            },
          })
          .onConflict('run_id')
          .ignore();
        const run = await trx('segflow.runs').where({ run_id: input.runId }).first<{ status: string }>('status');
        if (run.status !== 'running') return undefined;
        const outcome = await claimAsOf(trx, {
          runId: input.runId, source: input.source, asOf: input.asOf, timeoutMinutes: asOfClaimTimeoutMinutes ?? DEFAULT_AS_OF_CLAIM_TIMEOUT_MINUTES,
        });
        if (!('refusal' in outcome)) return undefined;
        await trx('segflow.runs')
          .where({ run_id: input.runId })
          .update({ status: 'failed', failure: outcome.refusal.toLine().slice(0, 2000), finished_at: trx.raw('clock_timestamp()') });
        return outcome.refusal;
      });
      if (refusal) throw refusal;
      return {};
    });
  };
}
