import { lockStage } from '../src/db/stageLock.js';
import { stageSql } from '../src/db/stageSql.js';
import { rfmAction } from '../src/segmentation/personas/suggestedAction.js';
import { writePersonas } from '../src/segmentation/personas/writePersonas.js';
import { previousPublishedRun } from '../src/segmentation/previousRun.js';
import { readSegmentStability } from '../src/segmentation/readSegmentStability.js';
import { checkRfmCutPoints, rfmScoringRecord } from '../src/segmentation/rfmCutPoints.js';
import { rfmScoreUsage, type ScoreGroup } from '../src/segmentation/rfmScoreUsage.js';
import { RFM_SEGMENTS, rfmCells } from '../src/segmentation/rfmSegmentMap.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, ScoreRfmInput, SegmentationResult } from './types.js';

const SCHEME = 'rfm';
const DIMENSION_OF = { R: 'recency', F: 'frequency', M: 'monetary' } as const;

/**
 * RFM scores (tie-aware quintiles, or explicit cut points per dimension) and named segments,
 * set-based in PostgreSQL; notes when ties or cut points leave scores unused.
 */
export function makeScoreRfm({ db }: ActivityDeps) {
  return async function scoreRfm({ runId, rfmCutPoints }: ScoreRfmInput): Promise<SegmentationResult> {
    return runStage(async () => {
      const cutPoints = checkRfmCutPoints(rfmCutPoints);
      const scoring = rfmScoringRecord(cutPoints);
      const previousRunId = await previousPublishedRun(db, runId);
      return db.transaction(async (trx) => {
        await lockStage(trx, runId, SCHEME);
        await trx('segflow.segments').where({ run_id: runId, scheme: SCHEME }).delete();
        await trx('segflow.customer_segments').where({ run_id: runId, scheme: SCHEME }).delete();
        await trx('segflow.segmentation_models').where({ run_id: runId, scheme: SCHEME }).delete();
        const assigned = await trx.raw<{ rowCount: number }>(stageSql('rfm_segments'), {
          run_id: runId,
          cells: JSON.stringify(rfmCells()),
          recency_cuts: cutPoints.recency ? JSON.stringify(cutPoints.recency) : null,
          frequency_cuts: cutPoints.frequency ? JSON.stringify(cutPoints.frequency) : null,
          monetary_cuts: cutPoints.monetary ? JSON.stringify(cutPoints.monetary) : null,
        });
        // The summaries below join the fresh assignments: statistics first, or the planner loops over them row by row.
        await trx.raw('analyze segflow.customer_segments');
        const labels = RFM_SEGMENTS.map((s) => ({ segment_id: s.id, label: s.label, description: s.rule, centroid: null }));
        await trx.raw(stageSql('segment_summary'), { run_id: runId, scheme: SCHEME, labels: JSON.stringify(labels) });
        const groups = await trx.raw<{ rows: Array<{ dimension: ScoreGroup['dimension']; score: number; customers: string; min_value: number | null; max_value: number | null }> }>(
          stageSql('rfm_score_usage'),
          { run_id: runId },
        );
        const scoreUsage = rfmScoreUsage(
          groups.rows.map((g) => ({ dimension: g.dimension, score: g.score, customers: Number(g.customers), minValue: g.min_value, maxValue: g.max_value })),
          assigned.rowCount,
        );
        // The quintile note blames ties; under explicit cut points an unused score just means no value fell in its band.
        for (const [dimension, usage] of Object.entries(scoreUsage) as Array<[keyof typeof DIMENSION_OF, (typeof scoreUsage)['R']]>) {
          const cuts = cutPoints[DIMENSION_OF[dimension]];
          if (cuts && usage.note) usage.note = `${dimension} uses scores ${usage.scoresUsed.join(', ')} only: no customer falls in the other bands of the cut points [${cuts.join(', ')}].`;
        }
        const stability = previousRunId ? await readSegmentStability(trx, runId, previousRunId, SCHEME) : null;
        await trx('segflow.segmentation_models').insert({
          run_id: runId,
          scheme: SCHEME,
          previous_run_id: previousRunId ?? null,
          common_customers: stability?.commonCustomers ?? null,
          stability_ari: stability?.adjustedRandIndex ?? null,
          model: {
            scores: 'ceil(5 × cume_dist) per feature unless cut points are given (see cutPoints); recency reversed; no purchase → R 1',
            cutPoints: scoring,
            fm: 'round((F + M) / 2), halves up',
            segments: RFM_SEGMENTS,
            scoreUsage,
            notes: Object.values(scoreUsage).flatMap((u) => (u.note ? [u.note] : [])),
            stability,
          },
          feature_preparation: scoring,
        });
        await writePersonas(trx, { runId, scheme: SCHEME, previousRunId, actionOf: (_, label) => rfmAction(label) });
        return { scheme: SCHEME, customers: assigned.rowCount, segments: RFM_SEGMENTS.length };
      });
    });
  };
}
