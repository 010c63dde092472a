import { availableParallelism } from 'node:os';
import type { FeatureMatrix } from '../featureMatrix.js';
import { seededRandom } from '../seededRandom.js';
import { singleThreadRunner, type BlockRunner } from './blockRunner.js';
import { defaultCandidatesPerStep, seedKmeansPlusPlus } from './kmeansPlusPlus.js';
import { KmeansWorkerPool } from './kmeansWorkerPool.js';
import { createWorkspace, type KmeansWorkspace } from './kmeansWorkspace.js';
import { lloydIterations } from './lloydIterations.js';
import { validateKmeansInput } from './validateKmeansInput.js';

export interface KmeansFitOptions {
  k: number;
  /** Restart r seeds k-means++ with mulberry32(seed + r), like selectKmeans did with ml-kmeans. */
  seed: number;
  /** Independent k-means++ + Lloyd runs (scikit-learn's n_init); the lowest inertia wins, the earliest on a tie. */
  restarts?: number;
  maxIterations?: number;
  /** Relative tolerance: stop when the total squared centroid shift ≤ tolerance × mean column variance. */
  tolerance?: number;
  /** Greedy k-means++ candidates per seed; scikit-learn's 2 + ⌊ln k⌋ by default. */
  candidatesPerStep?: number;
  /** Threads including the caller; ignored when `pool` is given. Default: os.availableParallelism(). */
  threads?: number;
  /** A pool kept open across fits (restarts, k values); without one a multi-thread fit opens and closes its own. */
  pool?: KmeansWorkerPool;
  /** Work (n·k·d) below which the fit stays on the calling thread; MULTI_THREAD_MIN_WORK unless measuring. */
  multiThreadMinWork?: number;
}

export interface KmeansFit {
  k: number;
  /** Cluster 0..k−1 per row; every cluster has at least one row. */
  labels: Int32Array;
  /** k×d row-major. */
  centroids: Float64Array;
  inertia: number;
  iterations: number;
  converged: boolean;
  /** Inertia of every restart, in restart order. */
  restartInertias: number[];
  /** Index of the restart that won. */
  bestRestart: number;
  /** Threads the passes ran on (1 below the small-work threshold). */
  threads: number;
}

/**
 * Below this many point×centre×feature products per pass the worker round trip (~0.1 ms) costs more
 * than splitting saves, so the fit stays on the calling thread. Measured with bench/kmeans/threadThreshold.ts.
 */
export const MULTI_THREAD_MIN_WORK = 500_000;

/**
 * k-means on a row-major Float64Array: seeded greedy k-means++ then Lloyd, best of `restarts`.
 * Same data, options and seed give identical labels and centroids on any number of threads.
 * Bad input (NaN/±Infinity, k < 1, k > rows or > distinct points, wrong shape) is a UserFacingError.
 * Constant columns are fine. Empty clusters are refilled with the point farthest from its centroid.
 */
export async function fitKmeans(matrix: FeatureMatrix, options: KmeansFitOptions): Promise<KmeansFit> {
  const k = options.k;
  const settings = {
    k,
    restarts: options.restarts ?? 1,
    maxIterations: options.maxIterations ?? 300,
    tolerance: options.tolerance ?? 1e-4,
    candidatesPerStep: options.candidatesPerStep ?? defaultCandidatesPerStep(Number.isInteger(k) && k >= 1 ? k : 1),
    threads: options.pool?.threads ?? options.threads ?? availableParallelism(),
  };
  const { meanVariance } = validateKmeansInput(matrix, settings);
  const shiftTolerance = settings.tolerance * meanVariance;
  const maxCenters = Math.max(k, settings.candidatesPerStep);
  const multiThread = settings.threads > 1 && matrix.n * k * matrix.d >= (options.multiThreadMinWork ?? MULTI_THREAD_MIN_WORK);

  const runRestarts = async (workspace: KmeansWorkspace, runner: BlockRunner): Promise<KmeansFit> => {
    let best: (KmeansFit & { labels: Int32Array }) | undefined;
    const restartInertias: number[] = [];
    for (let restart = 0; restart < settings.restarts; restart++) {
      const random = seededRandom(options.seed + restart);
      const seeds = await seedKmeansPlusPlus(workspace, runner, k, settings.candidatesPerStep, random);
      const run = await lloydIterations(workspace, runner, seeds, k, settings.maxIterations, shiftTolerance);
      restartInertias.push(run.inertia);
      if (!best || run.inertia < best.inertia) {
        best = {
          k,
          labels: workspace.labels.slice(),
          centroids: run.centroids,
          inertia: run.inertia,
          iterations: run.iterations,
          converged: run.converged,
          restartInertias,
          bestRestart: restart,
          threads: runner.threads,
        };
      }
    }
    return best!;
  };

  if (!multiThread) {
    const workspace = createWorkspace(matrix, maxCenters, false);
    return runRestarts(workspace, singleThreadRunner(workspace));
  }
  const pool = options.pool ?? KmeansWorkerPool.open(settings.threads);
  try {
    const workspace = createWorkspace(matrix, maxCenters, true);
    return await pool.withWorkspace(workspace, (runner) => runRestarts(workspace, runner));
  } finally {
    if (!options.pool) await pool.close();
  }
}
