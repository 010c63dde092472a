import { lockStage } from '../src/db/stageLock.js';
import { stageSql } from '../src/db/stageSql.js';
import { RFM_SEGMENTS, rfmCells } from '../src/segmentation/rfmSegmentMap.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, RunRef, SegmentationResult } from './types.js';

const SCHEME = 'rfm';

/** RFM quintile scores and named segments, set-based in PostgreSQL. */
export function makeScoreRfm({ db }: ActivityDeps) {
  return async function scoreRfm({ runId }: RunRef): Promise<SegmentationResult> {
    return runStage(() =>
      db.transaction(async (trx) => {
        await lockStage(trx, runId, SCHEME);
        await trx('segflow.segments').where({ run_id: runId, scheme: SCHEME }).delete();
        await trx('segflow.customer_segments').where({ run_id: runId, scheme: SCHEME }).delete();
        await trx('segflow.segmentation_models').where({ run_id: runId, scheme: SCHEME }).delete();
        const assigned = await trx.raw<{ rowCount: number }>(stageSql('rfm_segments'), {
          run_id: runId,
          cells: JSON.stringify(rfmCells()),
        });
        const labels = RFM_SEGMENTS.map((s) => ({ segment_id: s.id, label: s.label, description: s.rule, centroid: null }));
        await trx.raw(stageSql('segment_summary'), { run_id: runId, scheme: SCHEME, labels: JSON.stringify(labels) });
        await trx('segflow.segmentation_models').insert({
          run_id: runId,
          scheme: SCHEME,
          model: {
            scores: 'ceil(5 × cume_dist) per feature; recency reversed; no purchase → R 1',
            fm: 'round((F + M) / 2), halves up',
            segments: RFM_SEGMENTS,
          },
        });
        return { scheme: SCHEME, customers: assigned.rowCount, segments: RFM_SEGMENTS.length };
      }),
    );
  };
}
