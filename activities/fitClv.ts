import { lockStage } from '../src/db/stageLock.js';
import { ClvThreads } from '../src/features/clv/clvThreads.js';
import { clearCustomerValues, writeCustomerValues } from '../src/features/clv/customerValueColumns.js';
import type { CustomerValues } from '../src/features/clv/customerValue.js';
import { customerValuesOnThreads } from '../src/features/clv/customerValuesOnThreads.js';
import { clvCalibrationEnd, fitClvOnThreads } from '../src/features/clv/fitClvOnThreads.js';
import { readClvSummaries } from '../src/features/clv/readClvSummaries.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, AsOfInput, StageResult } from './types.js';

export interface ClvResult extends StageResult {
  fitted: boolean;
  customersValued: number;
}

/** Threads for the fits and the per-customer values: the holdout fit runs beside the final one. */
const THREADS = 2;

/**
 * BG/NBD + Gamma-Gamma on the run's orders up to as-of: P(alive), expected purchases, expected
 * spend and discounted CLV per customer, in one activity. When the data cannot support a fit, the
 * columns stay null and clv_models says why; the run goes on. Runs recorded before the CLV stage
 * was split (fitClvModel + valueCustomers per partition) replay with this one.
 */
export function makeFitClv({ db }: ActivityDeps) {
  return async function fitClv({ runId, asOf }: AsOfInput): Promise<ClvResult> {
    return runStage(async () => {
      const summaries = await readClvSummaries(db, runId, clvCalibrationEnd(asOf), asOf);
      const threads = ClvThreads.open(THREADS);
      let model: Record<string, unknown>;
      let values: CustomerValues | undefined;
      try {
        const fitted = await fitClvOnThreads(threads, summaries, asOf);
        model = fitted.model;
        if (fitted.fit) values = await customerValuesOnThreads(threads, fitted.fit.bgnbd, fitted.fit.gammaGamma, summaries.full);
      } finally {
        await threads.close();
      }
      await db.transaction(async (trx) => {
        await lockStage(trx, runId, 'clv');
        await trx('segflow.clv_models').where({ run_id: runId }).delete();
        await clearCustomerValues(trx, runId);
        if (values) await writeCustomerValues(trx, runId, 0, summaries.full.customerIds, values);
        await trx('segflow.clv_models').insert({ run_id: runId, model });
      });
      return { fitted: values !== undefined, customersValued: values ? summaries.full.customerIds.length : 0 };
    });
  };
}
