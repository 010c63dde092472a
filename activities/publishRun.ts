import { dropSupersededKpis } from '../src/kpi/dropSupersededKpis.js';
import { assertHoldsAsOfClaim, releaseAsOfClaim } from '../src/runs/asOfClaim.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, FailRunInput, PublishInput, StageResult } from './types.js';

// Publishes are serialised, so each sees the runs published before it when it replaces a quarter.
const PUBLISH_LOCK = 'segflow.publishRun';

/**
 * Makes the run visible to readers in one short transaction, which also replaces the KPI rows of
 * the published runs of the same quarter it supersedes; publishing twice is a no-op.
 */
export function makePublishRun({ db }: ActivityDeps) {
  return async function publishRun({ runId, rowCounts, stageTimingsMs }: PublishInput): Promise<StageResult> {
    return runStage(() =>
      db.transaction(async (trx) => {
        await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [PUBLISH_LOCK]);
        // A run that lost its as-of claim to a newer run (it timed out and was taken over) must not publish.
        await assertHoldsAsOfClaim(trx, runId);
        // clock_timestamp, not the transaction start: a publish that waited for the lock must still count as the later one.
        const updated = await trx('segflow.runs')
          .where({ run_id: runId, status: 'running' })
          .update({
            status: 'published',
            row_counts: rowCounts,
            stage_timings_ms: stageTimingsMs,
            published_at: trx.raw('clock_timestamp()'),
            finished_at: trx.raw('clock_timestamp()'),
          });
        if (updated === 0) {
          const run = await trx('segflow.runs').where({ run_id: runId }).first('status');
          if (run?.status !== 'published') throw new Error(`run ${runId} cannot be published from status ${run?.status ?? 'missing'}`);
          return {};
        }
        await dropSupersededKpis(trx, runId);
        await releaseAsOfClaim(trx, runId);
        // The CLV summaries and staged values only served this run's value partitions.
        await trx('core.clv_summaries').where({ run_id: runId }).delete();
        await trx('core.clv_values').where({ run_id: runId }).delete();
        return {};
      }),
    );
  };
}

/** Marks a run failed so no view ever shows its half-written rows. */
export function makeFailRun({ db }: ActivityDeps) {
  return async function failRun({ runId, failure }: FailRunInput): Promise<StageResult> {
    return runStage(async () => {
      await db('segflow.runs')
        .where({ run_id: runId })
        .whereNot({ status: 'published' })
        .update({ status: 'failed', failure: failure.slice(0, 2000), finished_at: db.fn.now() });
      await releaseAsOfClaim(db, runId);
      await db('core.clv_summaries').where({ run_id: runId }).delete();
      await db('core.clv_values').where({ run_id: runId }).delete();
      return {};
    });
  };
}
