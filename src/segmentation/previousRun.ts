import type { Knex } from 'knex';
import type { Standardisation } from './featureMatrix.js';
import type { PreviousSegments } from './matchSegmentIds.js';
import { restandardise } from './restandardise.js';

/**
 * The published run of the same source with the latest as-of date up to this run's (of those, the
 * latest published), if any: the run whose segments this run keeps the ids of and measures its
 * stability against. Chosen by as-of date, not publish time, so a backfill child never takes a
 * later date's run as its predecessor; a rerun of a date follows the earlier publish of that date.
 */
export async function previousPublishedRun(db: Knex, runId: string): Promise<string | undefined> {
  const row = await db('segflow.runs as previous')
    .join('segflow.runs as current', 'current.source', 'previous.source')
    .where('current.run_id', runId)
    .andWhere('previous.status', 'published')
    .andWhereNot('previous.run_id', runId)
    .andWhere('previous.as_of', '<=', db.ref('current.as_of'))
    .orderBy([
      { column: 'previous.as_of', order: 'desc' },
      { column: 'previous.published_at', order: 'desc' },
      { column: 'previous.run_id', order: 'asc' },
    ])
    .first<{ run_id: string } | undefined>('previous.run_id');
  return row?.run_id;
}

interface StoredKmeansModel {
  features?: readonly string[];
  scaling?: { means?: number[]; stdDevs?: number[] };
  centroidsStandardised?: number[][];
  /** Segment id per centroid; runs before id matching used 1..k. */
  segmentIds?: number[];
}

/**
 * The previous run's k-means centroids moved into this run's standardised space (through the
 * log-feature space both share), or undefined when the previous model is missing or built on
 * other features.
 */
export async function readPreviousKmeans(
  db: Knex,
  previousRunId: string,
  features: readonly string[],
  scaling: Standardisation,
): Promise<PreviousSegments | undefined> {
  const row = await db('segflow.segmentation_models').where({ run_id: previousRunId, scheme: 'kmeans' }).first<{ model: StoredKmeansModel } | undefined>('model');
  const model = row?.model;
  const d = features.length;
  const centroids = model?.centroidsStandardised;
  const means = model?.scaling?.means;
  const stdDevs = model?.scaling?.stdDevs;
  if (!model || !centroids || !means || !stdDevs || centroids.length === 0) return undefined;
  const sameShape = means.length === d && stdDevs.length === d && centroids.every((c) => c.length === d);
  if (JSON.stringify(model.features) !== JSON.stringify(features) || !sameShape) return undefined;
  const moved = restandardise(Float64Array.from(centroids.flat()), d, { means, stdDevs }, scaling);
  const segmentIds = model.segmentIds?.length === centroids.length ? model.segmentIds : centroids.map((_, j) => j + 1);
  return { runId: previousRunId, segmentIds, centroids: moved };
}
