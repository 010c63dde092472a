import { availableParallelism } from 'node:os';
import { UserFacingError } from '../../userFacingError.js';
import type { FeatureMatrix } from '../featureMatrix.js';
import { seededRandom } from '../seededRandom.js';
import { singleThreadRunner, type BlockRunner } from './blockRunner.js';
import { defaultCandidatesPerStep, seedKmeansPlusPlus } from './kmeansPlusPlus.js';
import { KmeansWorkerPool } from './kmeansWorkerPool.js';
import { createWorkspace, type KmeansWorkspace } from './kmeansWorkspace.js';
import { lloydIterations } from './lloydIterations.js';
import { meanColumnVariance, validateKmeansSettings } from './validateKmeansInput.js';

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
  /**
   * k×d centroids (e.g. the previous run's) to start one extra restart from, after the seeded ones.
   * It wins only when its inertia is lower than the best seeded one by more than WARM_START_MIN_GAIN
   * (relative): continuing a seeded result that stopped at the tolerance can shave a hair off the
   * inertia by moving a border point, and a rerun on unchanged data must repeat the seeded result.
   */
  warmStart?: Float64Array;
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
  /** Index of the restart that won; equal to `restarts` when the warm start won. */
  bestRestart: number;
  /** Inertia reached from `warmStart`, when one was given. */
  warmStartInertia?: number;
  /** Threads the passes ran on (1 below the small-work threshold). */
  threads: number;
}

/**
 * Below this many point×centre×feature products per pass the worker round trip (~0.1 ms) costs more
 * than splitting saves, so the fit stays on the calling thread. Measured with bench/kmeans/threadThreshold.ts.
 */
export const MULTI_THREAD_MIN_WORK = 500_000;

/** Relative inertia gain the warm start needs over the best seeded restart to win. */
export const WARM_START_MIN_GAIN = 1e-4;

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
  validateKmeansSettings(matrix, settings);
  if (options.warmStart && options.warmStart.length !== k * matrix.d) {
    throw new UserFacingError(`k-means warm start has ${options.warmStart.length} values for k=${k} × ${matrix.d} features`, 'pass k×d starting centroids, or none');
  }
  const maxCenters = Math.max(k, settings.candidatesPerStep);
  const multiThread = settings.threads > 1 && matrix.n * k * matrix.d >= (options.multiThreadMinWork ?? MULTI_THREAD_MIN_WORK);

  const runRestarts = async (workspace: KmeansWorkspace, runner: BlockRunner): Promise<KmeansFit> => {
    // Checks every value (NaN/±Infinity) on the fit's threads before any seeding.
    const shiftTolerance = settings.tolerance * (await meanColumnVariance(workspace, runner));
    let best: (KmeansFit & { labels: Int32Array }) | undefined;
    const restartInertias: number[] = [];
    let warmStartInertia: number | undefined;
    const totalRuns = settings.restarts + (options.warmStart ? 1 : 0);
    for (let restart = 0; restart < totalRuns; restart++) {
      const isWarm = restart === settings.restarts;
      const seeds = isWarm
        ? options.warmStart!
        : await seedKmeansPlusPlus(workspace, runner, k, settings.candidatesPerStep, seededRandom(options.seed + restart));
      const run = await lloydIterations(workspace, runner, seeds, k, settings.maxIterations, shiftTolerance);
      if (isWarm) warmStartInertia = run.inertia;
      else restartInertias.push(run.inertia);
      const wins = !best || (isWarm ? run.inertia < best.inertia * (1 - WARM_START_MIN_GAIN) : run.inertia < best.inertia);
      if (wins) {
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
    return warmStartInertia === undefined ? best! : { ...best!, warmStartInertia };
  };

  if (!multiThread) {
    const workspace = createWorkspace(matrix, maxCenters, false, settings.candidatesPerStep);
    return runRestarts(workspace, singleThreadRunner(workspace));
  }
  const pool = options.pool ?? KmeansWorkerPool.open(settings.threads);
  try {
    const workspace = pool.workspaceFor(matrix, maxCenters, settings.candidatesPerStep);
    return await pool.withWorkspace(workspace, (runner) => runRestarts(workspace, runner));
  } finally {
    if (!options.pool) await pool.close();
  }
}
