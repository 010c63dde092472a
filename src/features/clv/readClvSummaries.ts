import type { Knex } from 'knex';
import { stageSql } from '../../db/stageSql.js';
import type { CalibrationSummary } from './calibrationSummary.js';
import { SummaryBuilder } from './summaryBuilder.js';

const FETCH_ROWS = 50_000;

interface SummaryRow {
  customer_id: string;
  x: number;
  tx: string;
  t_age: string;
  zbar: string;
  in_calibration: boolean;
  calibration_x: number;
  calibration_tx: string | null;
  calibration_t_age: string;
  calibration_zbar: string;
  holdout_days: number;
}

export interface ClvSummaries {
  /** At the calibration end, with purchase days up to the holdout end: for the holdout check. */
  calibration: CalibrationSummary;
  /** At the holdout end (the as-of date): for the model that values customers. */
  full: CalibrationSummary;
}

const SUMMARY_COLUMNS = 'customer_id, x, tx, t_age, zbar, in_calibration, calibration_x, calibration_tx, calibration_t_age, calibration_zbar, holdout_days';
/** The hash clv_summaries.sql partitions customers by, over the partition count bound to `partitionsBinding`. */
const customerHash = (partitionsBinding: string) => `mod(hashtext(customer_id) & 2147483647, cast(:${partitionsBinding} as integer))`;

/** Both summaries, in the cursor's customer order, in one pass into typed arrays. */
async function readSummaryCursor(db: Knex, cursorSql: string, bindings: Record<string, unknown>): Promise<ClvSummaries> {
  const calibration = new SummaryBuilder();
  const full = new SummaryBuilder();
  await db.transaction(async (trx) => {
    await trx.raw(`declare clv_summaries no scroll cursor for ${cursorSql}`, bindings);
    for (;;) {
      const page = await trx.raw<{ rows: SummaryRow[] }>(`fetch ${FETCH_ROWS} from clv_summaries`);
      if (page.rows.length === 0) break;
      for (const row of page.rows) {
        full.add(row.customer_id, row.x, Number(row.tx), Number(row.t_age), Number(row.zbar), 0);
        if (row.in_calibration) {
          calibration.add(row.customer_id, row.calibration_x, Number(row.calibration_tx), Number(row.calibration_t_age), Number(row.calibration_zbar), row.holdout_days);
        }
      }
    }
  });
  return { calibration: calibration.build(), full: full.build() };
}

/**
 * The run's BG/NBD summaries (weeks) at the calibration end and at the holdout end, in customer
 * order, aggregated from its orders through a server-side cursor into typed arrays: one
 * aggregation of the orders instead of one per summary and keyset page. With a partition, only
 * the customers whose id hashes to it.
 */
export async function readClvSummaries(
  db: Knex,
  runId: string,
  calibrationEnd: string,
  holdoutEnd: string,
  { partition, partitions }: { partition: number; partitions: number } = { partition: 0, partitions: 1 },
): Promise<ClvSummaries> {
  return readSummaryCursor(db, stageSql('clv_summaries'), { run_id: runId, calibration_end: calibrationEnd, holdout_end: holdoutEnd, partition, partitions });
}

/**
 * Aggregates the run's orders into core.clv_summaries once, each customer under the value
 * partition its id hashes to (the same hash as readClvSummaries); returns the customers stored.
 */
export async function storeClvSummaries(db: Knex, runId: string, calibrationEnd: string, holdoutEnd: string, partitions: number): Promise<number> {
  return db.transaction(async (trx) => {
    await trx('core.clv_summaries').where({ run_id: runId }).delete();
    const stored = await trx.raw<{ rowCount: number }>(
      `insert into core.clv_summaries (run_id, partition_no, ${SUMMARY_COLUMNS})
       select cast(:run_id as uuid), ${customerHash('value_partitions')}, ${SUMMARY_COLUMNS}
       from (${stageSql('clv_summaries')}) as summaries`,
      { run_id: runId, calibration_end: calibrationEnd, holdout_end: holdoutEnd, partition: 0, partitions: 1, value_partitions: partitions },
    );
    return stored.rowCount;
  });
}

/** The stored summaries of one value partition (its primary-key range, already in customer order). */
export async function readStoredPartition(db: Knex, runId: string, partition: number): Promise<ClvSummaries> {
  return readSummaryCursor(
    db,
    `select ${SUMMARY_COLUMNS} from core.clv_summaries where run_id = :run_id and partition_no = :partition order by customer_id`,
    { run_id: runId, partition },
  );
}

/** The stored summaries of the customers whose id hashes to `partition` of `partitions`: the same customers readClvSummaries picks. */
export async function readStoredSample(db: Knex, runId: string, { partition, partitions }: { partition: number; partitions: number }): Promise<ClvSummaries> {
  return readSummaryCursor(
    db,
    `select ${SUMMARY_COLUMNS} from core.clv_summaries
     where run_id = :run_id and (cast(:partitions as integer) = 1 or ${customerHash('partitions')} = cast(:partition as integer))
     order by customer_id`,
    { run_id: runId, partition, partitions },
  );
}
