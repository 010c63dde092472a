import { DEFAULT_PARTITION_CUSTOMERS } from '../src/config.js';
import { lockStage } from '../src/db/stageLock.js';
import { ClvThreads } from '../src/features/clv/clvThreads.js';
import { clearCustomerValues } from '../src/features/clv/customerValueColumns.js';
import { clvCalibrationEnd, fitClvOnThreads } from '../src/features/clv/fitClvOnThreads.js';
import { readClvSummaries } from '../src/features/clv/readClvSummaries.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, AsOfInput, StageResult } from './types.js';

export interface ClvModelResult extends StageResult {
  fitted: boolean;
  customers: number;
  /** How many valueCustomers activities value the customers (hash partitions of the customer ids). */
  partitions: number;
}

/**
 * The CLV models of a run (BG/NBD and Gamma-Gamma, with the holdout check) stored in clv_models;
 * the per-customer values are left to valueCustomers, one activity per customer partition, so
 * several workers share them. The fit needs every customer's summary, but only as typed arrays.
 */
export function makeFitClvModel({ db, partitionCustomers = DEFAULT_PARTITION_CUSTOMERS }: ActivityDeps) {
  return async function fitClvModel({ runId, asOf }: AsOfInput): Promise<ClvModelResult> {
    return runStage(async () => {
      const summaries = await readClvSummaries(db, runId, clvCalibrationEnd(asOf), asOf);
      const threads = ClvThreads.open(2);
      const fitted = await fitClvOnThreads(threads, summaries, asOf).finally(() => threads.close());
      const customers = summaries.full.customerIds.length;
      await db.transaction(async (trx) => {
        await lockStage(trx, runId, 'clv');
        await trx('segflow.clv_models').where({ run_id: runId }).delete();
        await clearCustomerValues(trx, runId);
        await trx('segflow.clv_models').insert({ run_id: runId, model: fitted.model });
      });
      return { fitted: fitted.fit !== undefined, customers, partitions: Math.max(1, Math.ceil(customers / partitionCustomers)) };
    });
  };
}
