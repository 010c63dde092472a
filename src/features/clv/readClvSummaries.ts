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

/**
 * The run's BG/NBD summaries (weeks) at the calibration end and at the holdout end, in customer
 * order, read in one pass through a server-side cursor into typed arrays: one aggregation of the
 * orders instead of one per summary and keyset page. With a partition, only the customers whose
 * id hashes to it (a valueCustomers activity reads its own customers).
 */
export async function readClvSummaries(
  db: Knex,
  runId: string,
  calibrationEnd: string,
  holdoutEnd: string,
  { partition, partitions }: { partition: number; partitions: number } = { partition: 0, partitions: 1 },
): Promise<ClvSummaries> {
  const calibration = new SummaryBuilder();
  const full = new SummaryBuilder();
  await db.transaction(async (trx) => {
    const bindings = { run_id: runId, calibration_end: calibrationEnd, holdout_end: holdoutEnd, partition, partitions };
    await trx.raw(`declare clv_summaries no scroll cursor for ${stageSql('clv_summaries')}`, bindings);
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
