import { stageSql } from '../src/db/stageSql.js';
import { DEFAULT_QUALITY_GATES, describeFailedGates, judgeQuality, type QualityVerdict } from '../src/quality/qualityGates.js';
import { previousPublishedRun } from '../src/segmentation/previousRun.js';
import { UserFacingError } from '../src/userFacingError.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, StageResult } from './types.js';

export interface CheckQualityInput {
  runId: string;
  asOf: string;
  linesRead: number;
  rejectedByReason: Record<string, number>;
}

export interface CheckQualityResult extends StageResult {
  passed: boolean;
}

/**
 * The last check before publishing: measures the run, records the verdict in segflow.runs.quality
 * and fails the run (non-retryable, naming each failed gate) when a threshold is exceeded, so the
 * previously published run stays the one readers see. Re-running it records the same verdict.
 */
export function makeCheckQuality({ db, qualityGates = DEFAULT_QUALITY_GATES }: ActivityDeps) {
  return async function checkQuality({ runId, asOf, linesRead, rejectedByReason }: CheckQualityInput): Promise<CheckQualityResult> {
    return runStage(async () => {
      const measured = (await db.raw(stageSql('quality_measures'), { run_id: runId, as_of: asOf })).rows[0] as {
        customers: string; customers_missing_key_feature: string; latest_order_date: string | null; data_age_days: number | null;
      };
      const previousRunId = (await previousPublishedRun(db, runId)) ?? null;
      const previous = previousRunId
        ? await db('segflow.customer_features').where({ run_id: previousRunId }).count<{ count: string }[]>('* as count')
        : undefined;
      const rejectedExceptMissingCustomer = Object.entries(rejectedByReason)
        .filter(([reason]) => reason !== 'missing_customer')
        .reduce((sum, [, count]) => sum + count, 0);
      const verdict: QualityVerdict = judgeQuality(
        {
          customers: Number(measured.customers),
          previousRunId,
          previousCustomers: previous ? Number(previous[0]!.count) : null,
          customersMissingKeyFeature: Number(measured.customers_missing_key_feature),
          linesRead,
          rejectedExceptMissingCustomer,
          latestOrderDate: measured.latest_order_date,
          dataAgeDays: measured.data_age_days,
        },
        qualityGates,
      );
      await db('segflow.runs').where({ run_id: runId }).update({ quality: verdict });
      if (!verdict.passed) {
        throw new UserFacingError(
          `run ${runId} (as of ${asOf}) did not pass its quality gates: ${describeFailedGates(verdict)}; the previously published run stays current`,
          'check the source data for this date; if the change is real, raise the named threshold and run again',
        );
      }
      return { passed: true };
    });
  };
}
