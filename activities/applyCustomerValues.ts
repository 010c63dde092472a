import { lockStage } from '../src/db/stageLock.js';
import { applyStagedCustomerValues } from '../src/features/clv/customerValueColumns.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, RunRef, StageResult } from './types.js';

export interface ApplyCustomerValuesResult extends StageResult {
  customersValued: number;
}

/** The values every valueCustomers partition staged, written to segflow.customer_features in one update. */
export function makeApplyCustomerValues({ db }: ActivityDeps) {
  return async function applyCustomerValues({ runId }: RunRef): Promise<ApplyCustomerValuesResult> {
    return runStage(() =>
      db.transaction(async (trx) => {
        await lockStage(trx, runId, 'clv-apply');
        return { customersValued: await applyStagedCustomerValues(trx, runId) };
      }),
    );
  };
}
