import { lockStage } from '../src/db/stageLock.js';
import { stageSql } from '../src/db/stageSql.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, CleanResult, RunRef } from './types.js';

/** raw lines → typed core order lines, invoice-level orders and reason-coded rejects. */
export function makeCleanOrders({ db }: ActivityDeps) {
  return async function cleanOrders({ runId }: RunRef): Promise<CleanResult> {
    return runStage(() =>
      db.transaction(async (trx) => {
        await lockStage(trx, runId, 'clean');
        await trx('core.orders').where({ run_id: runId }).delete();
        await trx('core.order_lines').where({ run_id: runId }).delete();
        await trx('raw.rejects').where({ run_id: runId, source: 'online-retail' }).delete();
        // Classified once into a temporary table, then split: reading a CTE twice cost twice the time.
        await trx.raw(stageSql('classify_online_retail_lines'), { run_id: runId });
        await trx.raw(stageSql('accept_order_lines'));
        await trx.raw(stageSql('reject_lines'));
        const outcome = await trx.raw<{ rows: Array<{ outcome: string; lines: number }> }>(stageSql('classified_line_counts'));
        const orders = await trx.raw<{ rowCount: number }>(stageSql('build_orders'), { run_id: runId });
        const rejectedByReason: Record<string, number> = {};
        let accepted = 0;
        for (const row of outcome.rows) {
          if (row.outcome === 'accepted') accepted = row.lines;
          else rejectedByReason[row.outcome] = row.lines;
        }
        const rejected = Object.values(rejectedByReason).reduce((sum, n) => sum + n, 0);
        return { accepted, rejected, rejectedByReason, orders: orders.rowCount };
      }),
    );
  };
}
