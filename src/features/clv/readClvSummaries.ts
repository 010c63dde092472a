import type { Knex } from 'knex';
import { growFloat64Array } from '../../db/growFloat64Array.js';
import { stageSql } from '../../db/stageSql.js';
import type { CalibrationSummary } from './calibrationSummary.js';

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

/** Columns of a summary being filled, grown as pages arrive. */
class SummaryBuilder {
  readonly customerIds: string[] = [];
  private x = new Float64Array(1024);
  private tx = new Float64Array(1024);
  private T = new Float64Array(1024);
  private zbar = new Float64Array(1024);
  private holdout = new Float64Array(1024);

  add(customerId: string, x: number, tx: number, T: number, zbar: number, holdout: number): void {
    const i = this.customerIds.length;
    if (i === this.x.length) {
      const size = 2 * i;
      this.x = growFloat64Array(this.x, size);
      this.tx = growFloat64Array(this.tx, size);
      this.T = growFloat64Array(this.T, size);
      this.zbar = growFloat64Array(this.zbar, size);
      this.holdout = growFloat64Array(this.holdout, size);
    }
    this.x[i] = x;
    this.tx[i] = tx;
    this.T[i] = T;
    this.zbar[i] = zbar;
    this.holdout[i] = holdout;
    this.customerIds.push(customerId);
  }

  build(): CalibrationSummary {
    const n = this.customerIds.length;
    return {
      customerIds: this.customerIds,
      x: this.x.slice(0, n),
      tx: this.tx.slice(0, n),
      T: this.T.slice(0, n),
      zbar: this.zbar.slice(0, n),
      holdoutPurchases: this.holdout.slice(0, n),
      customersFirstSeenLater: 0,
    };
  }
}

/**
 * The run's BG/NBD summaries (weeks) at the calibration end and at the holdout end, in customer
 * order, read in one pass through a server-side cursor into typed arrays: one aggregation of the
 * orders instead of one per summary and keyset page.
 */
export async function readClvSummaries(db: Knex, runId: string, calibrationEnd: string, holdoutEnd: string): Promise<ClvSummaries> {
  const calibration = new SummaryBuilder();
  const full = new SummaryBuilder();
  await db.transaction(async (trx) => {
    const bindings = { run_id: runId, calibration_end: calibrationEnd, holdout_end: holdoutEnd };
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
