import { lockStage } from '../src/db/stageLock.js';
import { stageSql } from '../src/db/stageSql.js';
import { FIRMOGRAPHIC_SEGMENTS, FIRMOGRAPHIC_TIERS, VALUE_BANDS } from '../src/segmentation/firmographicSegmentMap.js';
import { firmographicAction } from '../src/segmentation/personas/suggestedAction.js';
import { writePersonas } from '../src/segmentation/personas/writePersonas.js';
import { previousPublishedRun } from '../src/segmentation/previousRun.js';
import { readSegmentStability } from '../src/segmentation/readSegmentStability.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, RunRef, SegmentationResult } from './types.js';

const SCHEME = 'firmographic';

/**
 * B2B customers of known size into size tier × value band (tie-aware net-revenue terciles among
 * them), set-based in PostgreSQL. A run without such customers writes nothing and reports 0 segments.
 */
export function makeScoreFirmographicTiers({ db }: ActivityDeps) {
  return async function scoreFirmographicTiers({ runId }: RunRef): Promise<SegmentationResult> {
    return runStage(async () => {
      const previousRunId = await previousPublishedRun(db, runId);
      return db.transaction(async (trx) => {
        await lockStage(trx, runId, SCHEME);
        await trx('segflow.segments').where({ run_id: runId, scheme: SCHEME }).delete();
        await trx('segflow.customer_segments').where({ run_id: runId, scheme: SCHEME }).delete();
        await trx('segflow.segmentation_models').where({ run_id: runId, scheme: SCHEME }).delete();
        const cells = FIRMOGRAPHIC_SEGMENTS.map((s) => ({ tier: s.tier, band: s.band, segment_id: s.id }));
        const assigned = await trx.raw<{ rowCount: number }>(stageSql('firmographic_segments'), { run_id: runId, cells: JSON.stringify(cells) });
        if (assigned.rowCount === 0) return { scheme: SCHEME, customers: 0, segments: 0 };
        await trx.raw('analyze segflow.customer_segments');
        const labels = FIRMOGRAPHIC_SEGMENTS.map((s) => ({ segment_id: s.id, label: s.label, description: s.rule, centroid: null }));
        await trx.raw(stageSql('segment_summary'), { run_id: runId, scheme: SCHEME, labels: JSON.stringify(labels) });
        const bands = await trx.raw<{ rows: Array<{ value_band: string; customers: string; min_monetary: string; max_monetary: string }> }>(
          stageSql('firmographic_value_bands'),
          { run_id: runId },
        );
        const valueBands = bands.rows.map((b) => ({ band: b.value_band, customers: Number(b.customers), minMonetary: Number(b.min_monetary), maxMonetary: Number(b.max_monetary) }));
        const stability = previousRunId ? await readSegmentStability(trx, runId, previousRunId, SCHEME) : null;
        const preparation = { valueMeasure: 'monetary (net revenue to the as-of date)', bands: 'ceil(3 × cume_dist) among B2B customers of known size', valueBands };
        await trx('segflow.segmentation_models').insert({
          run_id: runId,
          scheme: SCHEME,
          previous_run_id: previousRunId ?? null,
          common_customers: stability?.commonCustomers ?? null,
          stability_ari: stability?.adjustedRandIndex ?? null,
          model: {
            population: 'B2B customers with a known size tier (customer_features.firmographic_tier)',
            tiers: FIRMOGRAPHIC_TIERS,
            valueBandRules: VALUE_BANDS,
            segments: FIRMOGRAPHIC_SEGMENTS,
            industry: 'not an axis (it would split the nine cells into dozens of tiny segments); persona.topIndustries shows each segment\'s mix',
            stability,
          },
          feature_preparation: preparation,
        });
        const byId = new Map(FIRMOGRAPHIC_SEGMENTS.map((s) => [s.id, s]));
        await writePersonas(trx, {
          runId,
          scheme: SCHEME,
          previousRunId,
          actionOf: (segmentId) => {
            const segment = byId.get(segmentId);
            return segment ? firmographicAction(segment.tier, segment.valueName) : 'review this segment by hand';
          },
        });
        await trx.raw(stageSql('firmographic_industries'), { run_id: runId });
        return { scheme: SCHEME, customers: assigned.rowCount, segments: FIRMOGRAPHIC_SEGMENTS.length };
      });
    });
  };
}
