import { hungarian } from './hungarian.js';

/** The previous run's segments of the same scheme, centroids expressed in the current run's space. */
export interface PreviousSegments {
  runId: string;
  /** Segment id per previous centroid. */
  segmentIds: number[];
  /** segmentIds.length × d row-major. */
  centroids: Float64Array;
}

export interface SegmentIdMatch {
  /** Published segment id per cluster index. */
  segmentIdOfCluster: number[];
  /** Per cluster: the previous segment it continues (null when new) and the centroid distance. */
  matches: Array<{ cluster: number; segmentId: number; previousSegmentId: number | null; distance: number | null }>;
}

/**
 * Gives each new cluster the id of the previous segment it continues, pairing centroids by optimal
 * assignment (Hungarian on Euclidean distance) so "segment 3" keeps its meaning across runs.
 * Clusters left over (k grew) get the smallest ids the previous run did not use, in cluster order;
 * without a previous run the ids are 1..k in cluster order.
 */
export function matchSegmentIds(centroids: Float64Array, d: number, previous?: PreviousSegments): SegmentIdMatch {
  const k = centroids.length / d;
  const previousCount = previous?.segmentIds.length ?? 0;
  const distance = (cluster: number, other: number) => {
    let squared = 0;
    for (let c = 0; c < d; c++) squared += (centroids[cluster * d + c]! - previous!.centroids[other * d + c]!) ** 2;
    return Math.sqrt(squared);
  };
  const pairedWith =
    previous && previousCount > 0
      ? hungarian(Array.from({ length: k }, (_, cluster) => Array.from({ length: previousCount }, (_, other) => distance(cluster, other))))
      : new Array<number>(k).fill(-1);
  const used = new Set(previous?.segmentIds ?? []);
  let nextFree = 1;
  const matches: SegmentIdMatch['matches'] = [];
  for (let cluster = 0; cluster < k; cluster++) {
    const other = pairedWith[cluster]!;
    if (other >= 0) {
      const segmentId = previous!.segmentIds[other]!;
      matches.push({ cluster, segmentId, previousSegmentId: segmentId, distance: Number(distance(cluster, other).toFixed(6)) });
      continue;
    }
    while (used.has(nextFree)) nextFree++;
    used.add(nextFree);
    matches.push({ cluster, segmentId: nextFree, previousSegmentId: null, distance: null });
  }
  return { segmentIdOfCluster: matches.map((m) => m.segmentId), matches };
}
