import { quarterEndingAt } from '../src/asOfDate.js';
import { lockStage } from '../src/db/stageLock.js';
import { stageSql } from '../src/db/stageSql.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, AsOfInput, KpiResult } from './types.js';

/** Per-segment KPIs for the quarter ending at the as-of date, for every scheme of the run. */
export function makeComputeKpis({ db }: ActivityDeps) {
  return async function computeKpis({ runId, asOf }: AsOfInput): Promise<KpiResult> {
    return runStage(() =>
      db.transaction(async (trx) => {
        const quarter = quarterEndingAt(asOf);
        await lockStage(trx, runId, 'kpis');
        await trx('segflow.kpi_snapshots').where({ run_id: runId }).delete();
        const inserted = await trx.raw<{ rowCount: number }>(stageSql('kpi_snapshot'), {
          run_id: runId,
          as_of: asOf,
          quarter: quarter.label,
          quarter_start: quarter.start,
          period_end: quarter.periodEnd,
          is_partial: quarter.isPartial,
        });
        return { quarter: quarter.label, rows: inserted.rowCount };
      }),
    );
  };
}
