import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../src/segmentation/adjustedRandIndex.js';
import { standardise, type FeatureMatrix } from '../../src/segmentation/featureMatrix.js';
import { matchSegmentIds, type PreviousSegments } from '../../src/segmentation/matchSegmentIds.js';
import { restandardise } from '../../src/segmentation/restandardise.js';
import { segmentStability } from '../../src/segmentation/segmentStability.js';
import { selectKmeans } from '../../src/segmentation/selectKmeans.js';
import { concatMatrices, plantedBlobs, SIX_CENTRES, SIX_SHARES } from '../support/plantedBlobs.js';

const BASE = 3000;

function copy(matrix: FeatureMatrix): FeatureMatrix {
  return { n: matrix.n, d: matrix.d, values: matrix.values.slice() };
}

/** One run the way fitKmeans does it: standardise, select with the previous warm start, match ids. */
async function segmentRun(raw: FeatureMatrix, previous?: { run: Awaited<ReturnType<typeof segmentRun>>; runId: string }) {
  const matrix = copy(raw);
  const scaling = standardise(matrix);
  const carried: PreviousSegments | undefined = previous && {
    runId: previous.runId,
    segmentIds: previous.run.segmentIdOfCluster,
    centroids: restandardise(previous.run.centroids, matrix.d, previous.run.scaling, scaling),
  };
  const selection = await selectKmeans(matrix, { seed: 42, warmStart: carried?.centroids });
  const { segmentIdOfCluster, matches } = matchSegmentIds(selection.centroids, matrix.d, carried);
  const segmentIds = Int32Array.from(selection.labels, (cluster) => segmentIdOfCluster[cluster]!);
  return { scaling, selection, segmentIdOfCluster, matches, segmentIds, centroids: selection.centroids };
}

const customerIds = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
const assignments = (run: { segmentIds: Int32Array }) => new Map(Array.from(run.segmentIds, (id, i) => [`c${i}`, id]));

describe('segment ids and stability across runs', () => {
  const base = plantedBlobs({ n: BASE, centres: SIX_CENTRES, shares: SIX_SHARES });

  it('gives identical ids on an identical rerun, with stability 1', async () => {
    const first = await segmentRun(base.matrix);
    const second = await segmentRun(base.matrix, { run: first, runId: 'first' });
    expect(second.selection.k).toBe(6);
    expect(Array.from(second.segmentIds)).toEqual(Array.from(first.segmentIds));
    expect(second.matches.every((m) => m.previousSegmentId === m.segmentId && m.distance! < 1e-9)).toBe(true);
    // The warm start reaches the same optimum; the seeded restart keeps it on the tie.
    expect(second.selection.candidates.find((c) => c.k === 6)!.warmStartWon).toBe(false);
    const stability = segmentStability('first', customerIds(BASE), second.segmentIds, assignments(first));
    expect(stability).toEqual({ previousRunId: 'first', commonCustomers: BASE, adjustedRandIndex: 1, keptSegmentIdShare: 1 });
  });

  it('keeps every segment id’s meaning when 2% new customers arrive (stability ≥ 0.9)', async () => {
    const first = await segmentRun(base.matrix);
    const newcomers = plantedBlobs({ n: 60, centres: SIX_CENTRES, shares: SIX_SHARES, skip: BASE });
    const grown = concatMatrices(base.matrix, newcomers.matrix);
    const second = await segmentRun(grown, { run: first, runId: 'first' });
    expect(second.selection.k).toBe(6);
    const stability = segmentStability('first', customerIds(grown.n), second.segmentIds, assignments(first));
    expect(stability.commonCustomers).toBe(BASE);
    expect(stability.adjustedRandIndex!).toBeGreaterThanOrEqual(0.9);
    expect(stability.keptSegmentIdShare!).toBeGreaterThanOrEqual(0.99);
    // Each id still names the same planted segment: ids agree with the truth on the newcomers too.
    const truthOfId = new Map<number, number>();
    first.segmentIds.forEach((id, i) => truthOfId.set(id, base.truth[i]!));
    const newcomerIds = Array.from(second.segmentIds.subarray(BASE));
    expect(adjustedRandIndex(newcomers.truth, newcomerIds)).toBeGreaterThanOrEqual(0.95);
    expect(newcomerIds.filter((id, i) => truthOfId.get(id) === newcomers.truth[i]).length).toBeGreaterThanOrEqual(59);
  });

  it('follows the centroids, not the monetary order, when the previous ids were numbered differently', async () => {
    const first = await segmentRun(base.matrix);
    const renumbered = { ...first, segmentIdOfCluster: first.segmentIdOfCluster.map((id) => 7 - id) };
    const second = await segmentRun(base.matrix, { run: renumbered, runId: 'renumbered' });
    expect(second.segmentIdOfCluster).toEqual([6, 5, 4, 3, 2, 1]);
  });
});

describe('matchSegmentIds', () => {
  const previous: PreviousSegments = { runId: 'p', segmentIds: [4, 2, 9], centroids: Float64Array.from([0, 0, 5, 5, 10, 0]) };

  it('pairs each cluster with the nearest previous segment by optimal assignment', () => {
    const match = matchSegmentIds(Float64Array.from([9.5, 0.2, 0.1, -0.1, 5.2, 4.9]), 2, previous);
    expect(match.segmentIdOfCluster).toEqual([9, 4, 2]);
  });

  it('gives new clusters the smallest ids the previous run did not use', () => {
    const match = matchSegmentIds(Float64Array.from([0, 0, 5, 5, 10, 0, 20, 20, 30, 30]), 2, previous);
    expect(match.segmentIdOfCluster).toEqual([4, 2, 9, 1, 3]);
    expect(match.matches.filter((m) => m.previousSegmentId === null).map((m) => m.cluster)).toEqual([3, 4]);
  });

  it('keeps the ids of the segments that survive when k shrinks', () => {
    const match = matchSegmentIds(Float64Array.from([10, 0.5, 0.5, 0]), 2, previous);
    expect(match.segmentIdOfCluster).toEqual([9, 4]);
  });

  it('numbers 1..k in cluster order without a previous run', () => {
    expect(matchSegmentIds(Float64Array.from([1, 2, 3]), 1).segmentIdOfCluster).toEqual([1, 2, 3]);
  });
});
