import { lockStage } from '../src/db/stageLock.js';
import { computeQuarterKpis } from '../src/kpi/computeQuarterKpis.js';
import { writeSegmentSuggestions } from '../src/kpi/writeSegmentSuggestions.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, AsOfInput, KpiResult } from './types.js';

/** Per-segment KPIs and campaign ROI for the quarter ending at the as-of date, for every scheme of the run and all customers. */
export function makeComputeKpis({ db, piiKey }: ActivityDeps) {
  return async function computeKpis({ runId, asOf }: AsOfInput): Promise<KpiResult> {
    return runStage(() =>
      db.transaction(async (trx) => {
        await lockStage(trx, runId, 'kpis');
        const { quarter, rows } = await computeQuarterKpis(trx, runId, asOf, piiKey);
        await writeSegmentSuggestions(trx, runId);
        return { quarter, rows };
      }),
    );
  };
}
