import { copyLine } from '../src/db/copyText.js';
import { copyLines } from '../src/db/copyLines.js';
import { lockStage } from '../src/db/stageLock.js';
import { stageSql } from '../src/db/stageSql.js';
import { withConnection } from '../src/db/withConnection.js';
import { describeCluster } from '../src/segmentation/describeCluster.js';
import { standardise } from '../src/segmentation/featureMatrix.js';
import { KMEANS_FEATURES, readRfmMatrix } from '../src/segmentation/readRfmMatrix.js';
import { selectKmeans } from '../src/segmentation/selectKmeans.js';
import { UserFacingError } from '../src/userFacingError.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, RunRef, SegmentationResult } from './types.js';

const SCHEME = 'kmeans';

/** Mean of the original (unlogged) features per cluster, for a centroid people can read. */
function centroidsInOriginalUnits(original: Float64Array, labels: Int32Array, k: number) {
  const sums = Array.from({ length: k }, () => ({ monetary: 0, frequency: 0, recency: 0, withRecency: 0, size: 0 }));
  labels.forEach((label, i) => {
    const sum = sums[label]!;
    sum.size += 1;
    sum.monetary += original[3 * i]!;
    sum.frequency += original[3 * i + 1]!;
    const recency = original[3 * i + 2]!;
    if (!Number.isNaN(recency)) {
      sum.recency += recency;
      sum.withRecency += 1;
    }
  });
  const round = (x: number, digits: number) => Number(x.toFixed(digits));
  return sums.map((s) => ({
    monetary: round(s.monetary / Math.max(s.size, 1), 2),
    frequency: round(s.frequency / Math.max(s.size, 1), 2),
    recency_days: s.withRecency > 0 ? round(s.recency / s.withRecency, 1) : null,
  }));
}

/** k-means on standardised log-RFM with k chosen by silhouette; assignments written with COPY. */
export function makeFitKmeans({ db, kmeansSeed }: ActivityDeps) {
  return async function fitKmeans({ runId }: RunRef): Promise<SegmentationResult> {
    return runStage(async () => {
      const { customerIds, matrix, original } = await readRfmMatrix(db, runId);
      if (matrix.n === 0) {
        throw new UserFacingError('no customer has an accepted order on or before the as-of date', 'pick a later --as-of date or check the rejects table for why rows were dropped');
      }
      const scaling = standardise(matrix);
      const selection = selectKmeans(matrix, { seed: kmeansSeed });
      const readable = centroidsInOriginalUnits(original, selection.labels, selection.k);
      const labels = selection.centroids.map((z, index) => ({
        segment_id: index + 1,
        label: `Cluster ${index + 1}`,
        description: describeCluster(z),
        centroid: readable[index],
      }));
      await db.transaction(async (trx) => {
        await lockStage(trx, runId, SCHEME);
        await trx('segflow.segments').where({ run_id: runId, scheme: SCHEME }).delete();
        await trx('segflow.customer_segments').where({ run_id: runId, scheme: SCHEME }).delete();
        await trx('segflow.segmentation_models').where({ run_id: runId, scheme: SCHEME }).delete();
        await withConnection(trx, (connection) =>
          copyLines(
            connection,
            'copy segflow.customer_segments (run_id, scheme, customer_id, segment_id) from stdin',
            (function* () {
              for (let i = 0; i < customerIds.length; i++) yield copyLine([runId, SCHEME, customerIds[i], selection.labels[i]! + 1]);
            })(),
          ),
        );
        await trx.raw(stageSql('segment_summary'), { run_id: runId, scheme: SCHEME, labels: JSON.stringify(labels) });
        await trx('segflow.segmentation_models').insert({
          run_id: runId,
          scheme: SCHEME,
          model: {
            features: KMEANS_FEATURES,
            scaling: { method: 'z-score of log1p values', ...scaling },
            seed: kmeansSeed,
            k: selection.k,
            reason: selection.reason,
            candidates: selection.candidates,
            centroidsStandardised: selection.centroids,
          },
        });
      });
      return { scheme: SCHEME, customers: matrix.n, segments: selection.k };
    });
  };
}
