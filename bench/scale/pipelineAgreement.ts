import type { Knex } from 'knex';
import { adjustedRandIndex } from '../../src/segmentation/adjustedRandIndex.js';

export interface Agreement {
  /** Customers both segmented (the pipeline keys customers by identity; the baseline by shop number). */
  commonCustomers: number;
  pipelineCustomers: number;
  baselineCustomers: number;
  adjustedRandIndex: number;
}

/**
 * How alike the pipeline's k-means segments and the baseline's are: the baseline's shop customer
 * numbers are mapped to the pipeline's customer keys through the run's identity members.
 */
export async function pipelineAgreement(db: Knex, runId: string): Promise<Agreement> {
  const pairs = await db.raw<{ rows: Array<{ ours: number; theirs: number }> }>(
    `select ours.segment_id as ours, theirs.segment as theirs
     from bench.baseline_segments as theirs
     inner join core.identity_members as members
       on members.run_id = :run_id and members.source = 'shop' and members.source_object = 'customer' and members.source_id = theirs.customer_id
     inner join segflow.customer_segments as ours
       on ours.run_id = :run_id and ours.scheme = 'kmeans' and ours.customer_id = members.customer_key`,
    { run_id: runId },
  );
  const count = async (sql: string) => Number((await db.raw<{ rows: Array<{ n: number }> }>(sql, { run_id: runId })).rows[0]!.n);
  return {
    commonCustomers: pairs.rows.length,
    pipelineCustomers: await count(`select count(*) as n from segflow.customer_segments where run_id = :run_id and scheme = 'kmeans'`),
    baselineCustomers: await count('select count(*) as n from bench.baseline_segments'),
    adjustedRandIndex: Number(adjustedRandIndex(pairs.rows.map((p) => p.ours), pairs.rows.map((p) => p.theirs)).toFixed(4)),
  };
}
