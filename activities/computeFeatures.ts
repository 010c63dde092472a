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
        // Autovacuum cannot see this transaction's rows: without statistics the later joins on customer_features take the
        // run for a few dozen customers and probe its primary key once per row (a nested loop, minutes at 3M customers).
        await trx.raw('analyze segflow.customer_features');
        await computeEngagementFeatures(trx, runId, asOf, piiKey);
        return { customers: inserted.rowCount };
      }),
    );
  };
}
