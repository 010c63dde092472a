import type { Knex } from 'knex';
import { copyLine } from '../db/copyText.js';
import { copyLines } from '../db/copyLines.js';
import { withConnection } from '../db/withConnection.js';
import { ClusterOriginalMeans } from './clusterOriginalMeans.js';
import type { FeaturePreparation } from './prepareFeatures.js';
import { rfmFeaturePages, writeRfmFeatures } from './readRfmMatrix.js';

export interface NearestSegmentModel {
  scheme: string;
  /** The scaling the model was fitted with (center, scale and weight per feature). */
  scaling: FeaturePreparation;
  /** k×d row-major centroids in the scaled space, in cluster order. */
  centroids: Float64Array;
  k: number;
  /** The published segment id of each cluster. */
  segmentIdOfCluster: readonly number[];
  maxRecency: number;
}

/** The cluster whose centroid is nearest (squared Euclidean; the lower cluster on a tie). */
export function nearestCluster(point: Float64Array, centroids: Float64Array, k: number): number {
  const d = point.length;
  let best = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let c = 0; c < k; c++) {
    let distance = 0;
    for (let j = 0; j < d; j++) {
      const diff = point[j]! - centroids[c * d + j]!;
      distance += diff * diff;
    }
    if (distance < bestDistance) {
      bestDistance = distance;
      best = c;
    }
  }
  return best;
}

/**
 * Every customer of the run to the segment of its nearest centroid, read and COPYed page by page:
 * how a model fitted on a sample reaches a run of any size with memory for one page.
 * Returns the clusters' means in original units over all customers.
 */
export async function assignNearestSegments(trx: Knex.Transaction, runId: string, model: NearestSegmentModel): Promise<ClusterOriginalMeans> {
  const { columns } = model.scaling;
  const d = columns.length;
  const point = new Float64Array(d);
  const means = new ClusterOriginalMeans(model.k);
  for await (const page of rfmFeaturePages(trx, runId)) {
    const lines: string[] = [];
    for (const row of page) {
      const monetary = Number(row.monetary);
      const recency = row.recency_days ?? Number.NaN;
      writeRfmFeatures(point, 0, monetary, row.frequency, recency, model.maxRecency);
      for (let j = 0; j < d; j++) point[j] = ((point[j]! - columns[j]!.center) / columns[j]!.scale) * columns[j]!.weight;
      const cluster = nearestCluster(point, model.centroids, model.k);
      means.add(cluster, monetary, row.frequency, recency);
      lines.push(copyLine([runId, model.scheme, row.customer_id, model.segmentIdOfCluster[cluster]!]));
    }
    await withConnection(trx, (connection) => copyLines(connection, 'copy segflow.customer_segments (run_id, scheme, customer_id, segment_id) from stdin', lines));
  }
  return means;
}
