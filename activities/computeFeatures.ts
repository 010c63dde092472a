import { lockStage } from '../src/db/stageLock.js';
import { stageSql } from '../src/db/stageSql.js';
import { computeEngagementFeatures } from '../src/features/engagement/computeEngagementFeatures.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, AsOfInput, FeaturesResult } from './types.js';

/**
 * One feature row per customer as of the run date, computed in PostgreSQL. Runs that resolved
 * identities also get web, email, support and firmographic columns.
 */
export function makeComputeFeatures({ db, piiKey }: ActivityDeps) {
  return async function computeFeatures({ runId, asOf }: AsOfInput): Promise<FeaturesResult> {
    return runStage(() =>
      db.transaction(async (trx) => {
        await lockStage(trx, runId, 'features');
        await trx('segflow.customer_features').where({ run_id: runId }).delete();
        const inserted = await trx.raw<{ rowCount: number }>(stageSql('customer_features'), { run_id: runId, as_of: asOf });
        await computeEngagementFeatures(trx, runId, asOf, piiKey);
        return { customers: inserted.rowCount };
      }),
    );
  };
}
