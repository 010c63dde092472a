import { DEFAULT_FIT_SAMPLE_CUSTOMERS, DEFAULT_PARTITION_CUSTOMERS } from '../src/config.js';
import { lockStage } from '../src/db/stageLock.js';
import { ClvThreads } from '../src/features/clv/clvThreads.js';
import { clearCustomerValues } from '../src/features/clv/customerValueColumns.js';
import { clvCalibrationEnd, fitClvOnThreads } from '../src/features/clv/fitClvOnThreads.js';
import { readStoredSample, storeClvSummaries } from '../src/features/clv/readClvSummaries.js';
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
 * several workers share them. A run of more than SEGFLOW_FIT_SAMPLE_CUSTOMERS is fitted on the first
 * of enough hash partitions to hold at most that many (a random sample of the customers): the fit's memory
 * and time stop growing with the run, and a quarter of a million customers pins the models'
 * four parameters far tighter than the run's data could move them.
 */
export function makeFitClvModel({ db, partitionCustomers = DEFAULT_PARTITION_CUSTOMERS, fitSampleCustomers = DEFAULT_FIT_SAMPLE_CUSTOMERS }: ActivityDeps) {
  return async function fitClvModel({ runId, asOf }: AsOfInput): Promise<ClvModelResult> {
    return runStage(async () => {
      // Customers with a purchase on or before the as-of date: the population clv_summaries reads.
      const counted = await db('segflow.customer_features').where({ run_id: runId }).andWhere('frequency', '>', 0).count<Array<{ n: string }>>('* as n');
      const customers = Number(counted[0]!.n);
      const partitions = Math.max(1, Math.ceil(customers / partitionCustomers));
      // The orders are aggregated once here; each valueCustomers partition then reads only its own stored rows.
      await storeClvSummaries(db, runId, clvCalibrationEnd(asOf), asOf, partitions);
      const samples = Math.max(1, Math.ceil(customers / fitSampleCustomers));
      const summaries = await readStoredSample(db, runId, { partition: 0, partitions: samples });
      const threads = ClvThreads.open(2);
      const fitted = await fitClvOnThreads(threads, summaries, asOf).finally(() => threads.close());
      const fittedOn = {
        customers: summaries.full.customerIds.length,
        of: customers,
        sample: samples > 1 ? `hash partition 0 of ${samples} (SEGFLOW_FIT_SAMPLE_CUSTOMERS)` : null,
      };
      await db.transaction(async (trx) => {
        await lockStage(trx, runId, 'clv');
        await trx('segflow.clv_models').where({ run_id: runId }).delete();
        await clearCustomerValues(trx, runId);
        await trx('segflow.clv_models').insert({ run_id: runId, model: { ...fitted.model, fittedOn, summaryPartitions: partitions } });
      });
      return { fitted: fitted.fit !== undefined, customers, partitions };
    });
  };
}
