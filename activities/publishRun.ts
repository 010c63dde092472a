import { runStage } from './runStage.js';
import type { ActivityDeps, FailRunInput, PublishInput, StageResult } from './types.js';

/** Makes the run visible to readers in one short transaction; publishing twice is a no-op. */
export function makePublishRun({ db }: ActivityDeps) {
  return async function publishRun({ runId, rowCounts, stageTimingsMs }: PublishInput): Promise<StageResult> {
    return runStage(async () => {
      const updated = await db('segflow.runs')
        .where({ run_id: runId, status: 'running' })
        .update({
          status: 'published',
          row_counts: rowCounts,
          stage_timings_ms: stageTimingsMs,
          published_at: db.fn.now(),
          finished_at: db.fn.now(),
        });
      if (updated === 0) {
        const run = await db('segflow.runs').where({ run_id: runId }).first('status');
        if (run?.status !== 'published') throw new Error(`run ${runId} cannot be published from status ${run?.status ?? 'missing'}`);
      }
      return {};
    });
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
      return {};
    });
  };
}
