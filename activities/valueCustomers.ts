import { ApplicationFailure } from '@temporalio/common';
import { lockStage } from '../src/db/stageLock.js';
import type { BgnbdFit } from '../src/features/clv/bgnbd.js';
import { ClvThreads } from '../src/features/clv/clvThreads.js';
import { stageCustomerValues, writeCustomerValues } from '../src/features/clv/customerValueColumns.js';
import { customerValuesOnThreads } from '../src/features/clv/customerValuesOnThreads.js';
import type { GammaGammaFit } from '../src/features/clv/gammaGamma.js';
import { clvCalibrationEnd } from '../src/features/clv/fitClvOnThreads.js';
import { readClvSummaries, readStoredPartition } from '../src/features/clv/readClvSummaries.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, PartitionInput, StageResult } from './types.js';

export interface ValueCustomersResult extends StageResult {
  partition: number;
  customersValued: number;
}

interface StoredModel {
  fitted: boolean;
  /** The value partitions fitClvModel stored the run's summaries under (core.clv_summaries). */
  summaryPartitions?: number;
  bgnbd?: BgnbdFit;
  gammaGamma?: GammaGammaFit;
}

/**
 * P(alive), expected purchases, expected spend and CLV for one hash partition of the run's
 * customers, from the models fitClvModel stored, staged for applyCustomerValues. Memory follows the
 * partition, not the run; a retry rewrites the same rows (each customer's values depend on it and the models alone).
 */
export function makeValueCustomers({ db }: ActivityDeps) {
  return async function valueCustomers({ runId, asOf, partition, partitions, staged = false }: PartitionInput): Promise<ValueCustomersResult> {
    return runStage(async (progress) => {
      if (!Number.isInteger(partitions) || partitions < 1 || !Number.isInteger(partition) || partition < 0 || partition >= partitions) {
        throw ApplicationFailure.nonRetryable(`partition ${partition} of ${partitions} is not a partition: give 0 ≤ partition < partitions`, 'BadPartition');
      }
      const row = await db('segflow.clv_models').where({ run_id: runId }).first<{ model: StoredModel } | undefined>('model');
      if (!row) throw ApplicationFailure.nonRetryable(`run ${runId} has no CLV model: fitClvModel runs before valueCustomers`, 'MissingClvModel');
      const { model } = row;
      const { bgnbd, gammaGamma } = model;
      if (!model.fitted || !bgnbd || !gammaGamma) return { partition, customersValued: 0 };
      // The summaries fitClvModel stored, when stored under this partitioning; else (a crash emptied the unlogged table,
      // or another partitioning) aggregated from the orders, which gives the same rows.
      const stored = model.summaryPartitions === partitions ? await readStoredPartition(db, runId, partition) : undefined;
      const { full: summary } = stored && stored.full.customerIds.length > 0
        ? stored
        : await readClvSummaries(db, runId, clvCalibrationEnd(asOf), asOf, { partition, partitions });
      progress({ partition, partitions, customers: summary.customerIds.length });
      // One thread per partition: two partitions on one worker keep both cores busy.
      const threads = ClvThreads.open(1);
      const values = await customerValuesOnThreads(threads, bgnbd, gammaGamma, summary).finally(() => threads.close());
      await db.transaction(async (trx) => {
        await lockStage(trx, runId, `clv-values-${partition}-of-${partitions}`);
        if (staged) await stageCustomerValues(trx, runId, partition, summary.customerIds, values);
        else await writeCustomerValues(trx, runId, partition, summary.customerIds, values);
      });
      return { partition, customersValued: summary.customerIds.length };
    });
  };
}
