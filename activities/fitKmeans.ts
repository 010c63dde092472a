import type { Knex } from 'knex';
import { DEFAULT_FIT_SAMPLE_CUSTOMERS } from '../src/config.js';
import { copyLine } from '../src/db/copyText.js';
import { copyLines } from '../src/db/copyLines.js';
import { lockStage } from '../src/db/stageLock.js';
import { stageSql } from '../src/db/stageSql.js';
import { withConnection } from '../src/db/withConnection.js';
import { assignNearestSegments } from '../src/segmentation/assignNearestSegments.js';
import { ClusterOriginalMeans } from '../src/segmentation/clusterOriginalMeans.js';
import { describeCluster } from '../src/segmentation/describeCluster.js';
import { matchSegmentIds } from '../src/segmentation/matchSegmentIds.js';
import { kmeansAction } from '../src/segmentation/personas/suggestedAction.js';
import { writePersonas } from '../src/segmentation/personas/writePersonas.js';
import { previousPublishedRun, readPreviousKmeans } from '../src/segmentation/previousRun.js';
import { readSegmentStability } from '../src/segmentation/readSegmentStability.js';
import { prepareFeatures, type FeaturePreparation } from '../src/segmentation/prepareFeatures.js';
import { FIT_SAMPLE_ORDER, KMEANS_FEATURE_TRANSFORMS, KMEANS_FEATURES, readRfmMatrix } from '../src/segmentation/readRfmMatrix.js';
import { centroidRow, selectKmeans } from '../src/segmentation/selectKmeans.js';
import { UserFacingError } from '../src/userFacingError.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, FitKmeansInput, SegmentationResult } from './types.js';

const SCHEME = 'kmeans';

/** Per feature: how its value was made (log1p) and scaled, so the model can be reproduced from features. */
function featurePreparationRecord(preparation: FeaturePreparation) {
  return {
    method: preparation.method,
    formula: '((transformed value − center) / scale) × weight',
    features: KMEANS_FEATURES.map((feature, j) => ({ feature, transform: KMEANS_FEATURE_TRANSFORMS[feature], ...preparation.columns[j]! })),
  };
}

/**
 * k-means on scaled log-RFM (z-score by default, robust median/IQR on request; weights after scaling), k chosen by silhouette and inertia elbow under guards; segment
 * ids carried over from the previous published run by centroid matching; assignments written with COPY.
 */
export function makeFitKmeans({ db, kmeansSeed, fitSampleCustomers = DEFAULT_FIT_SAMPLE_CUSTOMERS }: ActivityDeps) {
  return async function fitKmeans({ runId, scaling: method = 'z-score', featureWeights = {} }: FitKmeansInput): Promise<SegmentationResult> {
    return runStage(async () => {
      // A run of more than fitSampleCustomers is fitted on a hash sample of that many, then everyone is assigned page
      // by page: the worker's memory no longer grows with the customer count.
      const { population, maxRecency, customerIds, matrix, original } = await readRfmMatrix(db, runId, fitSampleCustomers);
      if (matrix.n === 0) {
        throw new UserFacingError('no customer has an accepted order on or before the as-of date', 'pick a later --as-of date or check the rejects table for why rows were dropped');
      }
      const sampled = matrix.n < population;
      const weights = KMEANS_FEATURES.map((feature) => featureWeights[feature] ?? 1);
      const scaling = prepareFeatures(matrix, { method, weights });
      const previousRunId = await previousPublishedRun(db, runId);
      const previous = previousRunId ? await readPreviousKmeans(db, previousRunId, KMEANS_FEATURES, scaling) : undefined;
      const selection = await selectKmeans(matrix, { seed: kmeansSeed, warmStart: previous?.centroids });
      const { segmentIdOfCluster, matches } = matchSegmentIds(selection.centroids, matrix.d, previous);
      const centroids = Array.from({ length: selection.k }, (_, cluster) => centroidRow(selection.centroids, matrix.d, cluster));
      // Words and actions read scaled values before weighting (a weight changes distances, not what "high" means).
      const zCentroids = centroids.map((row) => row.map((value, j) => value / weights[j]!));
      const zBySegment = new Map(zCentroids.map((z, cluster) => [segmentIdOfCluster[cluster]!, z]));
      const warmCandidate = selection.candidates.find((c) => previous && c.k === previous.segmentIds.length);
      await db.transaction(async (trx) => {
        await lockStage(trx, runId, SCHEME);
        await trx('segflow.segments').where({ run_id: runId, scheme: SCHEME }).delete();
        await trx('segflow.customer_segments').where({ run_id: runId, scheme: SCHEME }).delete();
        await trx('segflow.segmentation_models').where({ run_id: runId, scheme: SCHEME }).delete();
        const readable = sampled
          ? await assignNearestSegments(trx, runId, { scheme: SCHEME, scaling, centroids: selection.centroids, k: selection.k, segmentIdOfCluster, maxRecency })
          : await writeFittedSegments(trx, runId, customerIds, original, selection.labels, selection.k, segmentIdOfCluster);
        // The summaries below join the fresh assignments: statistics first, or the planner loops over them row by row.
        await trx.raw('analyze segflow.customer_segments');
        const centroidMeans = readable.means();
        const labels = zCentroids.map((z, cluster) => ({
          segment_id: segmentIdOfCluster[cluster]!,
          label: `Cluster ${segmentIdOfCluster[cluster]!}`,
          description: describeCluster(z),
          centroid: centroidMeans[cluster],
        }));
        await trx.raw(stageSql('segment_summary'), { run_id: runId, scheme: SCHEME, labels: JSON.stringify(labels) });
        const stability = previousRunId ? await readSegmentStability(trx, runId, previousRunId, SCHEME) : null;
        await trx('segflow.segmentation_models').insert({
          run_id: runId,
          scheme: SCHEME,
          previous_run_id: previousRunId ?? null,
          common_customers: stability?.commonCustomers ?? null,
          stability_ari: stability?.adjustedRandIndex ?? null,
          model: {
            engine: 'typed-array k-means (greedy k-means++ + Lloyd)',
            features: KMEANS_FEATURES,
            // Scaling, k and centroids come from these customers; every customer is then in the segment of its nearest centroid.
            fittedOn: sampled
              ? { customers: matrix.n, of: population, sample: `the first ${matrix.n} by ${FIT_SAMPLE_ORDER} (SEGFLOW_FIT_SAMPLE_CUSTOMERS)` }
              : { customers: matrix.n, of: population, sample: null },
            // means/stdDevs: the effective center and divisor (scale ÷ weight) that map log1p values to the model's space.
            scaling: { method: scaling.method, means: scaling.means, stdDevs: scaling.stdDevs },
            seed: kmeansSeed,
            k: selection.k,
            reason: selection.reason,
            guards: selection.guards,
            elbow: selection.elbow,
            candidates: selection.candidates,
            // In cluster order; segmentIds[j] is the published id of centroid j (read by the next run).
            centroidsStandardised: centroids,
            segmentIds: segmentIdOfCluster,
            warmStart: previous
              ? { fromRunId: previous.runId, k: previous.segmentIds.length, used: warmCandidate !== undefined, won: warmCandidate?.warmStartWon ?? false }
              : null,
            idMatching: previous ? { method: 'Hungarian assignment on Euclidean centroid distance (standardised space)', matches } : null,
            stability,
          },
          feature_preparation: featurePreparationRecord(scaling),
        });
        await writePersonas(trx, {
          runId,
          scheme: SCHEME,
          previousRunId,
          actionOf: (segmentId) => kmeansAction(zBySegment.get(segmentId) ?? []),
        });
      });
      return { scheme: SCHEME, customers: population, segments: selection.k };
    });
  };
}

/** The fit's own labels when it saw every customer: COPYed from memory. */
async function writeFittedSegments(
  trx: Knex.Transaction,
  runId: string,
  customerIds: readonly string[],
  original: Float64Array<ArrayBufferLike>,
  labels: Int32Array,
  k: number,
  segmentIdOfCluster: readonly number[],
): Promise<ClusterOriginalMeans> {
  await withConnection(trx, (connection) =>
    copyLines(
      connection,
      'copy segflow.customer_segments (run_id, scheme, customer_id, segment_id) from stdin',
      (function* () {
        for (let i = 0; i < customerIds.length; i++) yield copyLine([runId, SCHEME, customerIds[i], segmentIdOfCluster[labels[i]!]]);
      })(),
    ),
  );
  const means = new ClusterOriginalMeans(k);
  means.addAll(original, labels);
  return means;
}
