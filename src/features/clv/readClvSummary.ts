import type { Knex } from 'knex';
import { growFloat64Array } from '../../db/growFloat64Array.js';
import { stageSql } from '../../db/stageSql.js';
import type { CalibrationSummary } from './calibrationSummary.js';

const PAGE_SIZE = 50_000;

/** The run's BG/NBD summary at calibrationEnd (weeks), with purchase days up to holdoutEnd, read page by page into typed arrays. */
export async function readClvSummary(db: Knex, runId: string, calibrationEnd: string, holdoutEnd: string): Promise<CalibrationSummary> {
  const customerIds: string[] = [];
  let columns = { x: new Float64Array(1024), tx: new Float64Array(1024), T: new Float64Array(1024), zbar: new Float64Array(1024), holdout: new Float64Array(1024) };
  let after = '';
  for (;;) {
    const page = await db.raw<{ rows: Array<{ customer_id: string; x: number; tx: string; t_age: string; zbar: string; holdout_days: number }> }>(
      stageSql('clv_summary'),
      { run_id: runId, calibration_end: calibrationEnd, holdout_end: holdoutEnd, after, page_size: PAGE_SIZE },
    );
    if (page.rows.length === 0) break;
    const needed = customerIds.length + page.rows.length;
    columns = { x: growFloat64Array(columns.x, needed), tx: growFloat64Array(columns.tx, needed), T: growFloat64Array(columns.T, needed), zbar: growFloat64Array(columns.zbar, needed), holdout: growFloat64Array(columns.holdout, needed) };
    for (const row of page.rows) {
      const i = customerIds.length;
      columns.x[i] = row.x;
      columns.tx[i] = Number(row.tx);
      columns.T[i] = Number(row.t_age);
      columns.zbar[i] = Number(row.zbar);
      columns.holdout[i] = row.holdout_days;
      customerIds.push(row.customer_id);
    }
    after = page.rows[page.rows.length - 1]!.customer_id;
  }
  const n = customerIds.length;
  return {
    customerIds,
    x: columns.x.slice(0, n),
    tx: columns.tx.slice(0, n),
    T: columns.T.slice(0, n),
    zbar: columns.zbar.slice(0, n),
    holdoutPurchases: columns.holdout.slice(0, n),
    customersFirstSeenLater: 0,
  };
}
