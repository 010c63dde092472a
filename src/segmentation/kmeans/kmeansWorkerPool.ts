import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { runBlockOperation } from './blockKernels.js';
import { blockShare, type BlockRunner } from './blockRunner.js';
import type { FeatureMatrix } from '../featureMatrix.js';
import { createWorkspace, type KmeansWorkspace } from './kmeansWorkspace.js';
import type { WorkerReply, WorkerRequest } from './workerMessages.js';

/**
 * Starts blockWorker next to this module. From dist/ that is plain blockWorker.js. From the
 * TypeScript source (tsx, vitest) Node cannot load .ts in a worker, and tsx's --import hooks do not
 * reach worker threads (tsx issue 354), so a one-line bootstrap registers tsx inside the worker
 * first. tsx is a devDependency, which is all the source tree needs.
 */
function startBlockWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./blockWorker.js', here));
  const tsxApi = createRequire(here).resolve('tsx/esm/api');
  const script = new URL('./blockWorker.ts', here).href;
  return new Worker(`require(${JSON.stringify(tsxApi)}).register(); import(${JSON.stringify(script)});`, { eval: true });
}

/** One worker thread with at most one request in flight. */
class PooledWorker {
  private pending: { resolve: () => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;
  private closing = false;

  constructor(readonly worker: Worker) {
    worker.on('message', (reply: WorkerReply) => {
      const pending = this.pending;
      this.pending = undefined;
      if (reply.kind === 'done') pending?.resolve();
      else pending?.reject(new Error(`k-means worker failed: ${reply.message}`));
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`k-means worker exited unexpectedly (code ${code})`));
    });
    // Idle workers must not keep the process alive; the pool refs them while a fit runs.
    worker.unref();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(this.failure);
  }

  request(message: WorkerRequest): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending) return Promise.reject(new Error('k-means worker is already busy'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(message);
    });
  }

  async terminate(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }
}

/**
 * Threads for the k-means passes: the calling thread plus `threads − 1` workers that share the
 * data through SharedArrayBuffer. Open once and reuse across restarts and k values (a worker takes
 * ~30 ms to start from dist/, ~1 s under tsx); close() when done. Idle workers are unref'd, so a
 * pool that is never closed does not hold the process open. One fit at a time per pool.
 */
export class KmeansWorkerPool {
  private busy = false;
  private closed = false;
  /** The last fit's workspace, kept for the next fit on the same shared values (see workspaceFor). */
  private kept: KmeansWorkspace | undefined;

  private constructor(private readonly workers: PooledWorker[]) {}

  static open(threads: number): KmeansWorkerPool {
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`a k-means pool needs a whole number of threads ≥ 1, got ${threads}`);
    return new KmeansWorkerPool(Array.from({ length: threads - 1 }, () => new PooledWorker(startBlockWorker())));
  }

  get threads(): number {
    return this.workers.length + 1;
  }

  /**
   * A shared workspace for `matrix`. When the values already live in a SharedArrayBuffer (shareMatrix)
   * the previous fit's workspace is reused if it is for those very values and has room for
   * `maxCenters` centres and `candidatesPerStep` candidates: a worker fitting several k in a row
   * then allocates (and page-faults) its ~7n doubles of scratch once instead of per fit. Every pass
   * writes what it later reads, so nothing carries over between fits. close() lets it go.
   */
  workspaceFor(matrix: FeatureMatrix, maxCenters: number, candidatesPerStep: number): KmeansWorkspace {
    const kept = this.kept;
    if (kept && kept.data === matrix.values && kept.n === matrix.n && kept.d === matrix.d && kept.maxCenters >= maxCenters && kept.seedSlots >= candidatesPerStep + 1) return kept;
    const workspace = createWorkspace(matrix, maxCenters, true, candidatesPerStep);
    this.kept = workspace.data === matrix.values ? workspace : undefined;
    return workspace;
  }

  /** Binds the workspace to every worker for the duration of `fit`, which gets a runner that splits blocks across threads. */
  async withWorkspace<T>(workspace: KmeansWorkspace, fit: (runner: BlockRunner) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('the k-means worker pool is closed');
    if (this.busy) throw new Error('the k-means worker pool is already running a fit; use one pool per concurrent fit');
    if (!(workspace.data.buffer instanceof SharedArrayBuffer)) throw new Error('a pooled k-means workspace must be created with shared = true');
    this.busy = true;
    for (const w of this.workers) w.worker.ref();
    try {
      await Promise.all(this.workers.map((w) => w.request({ kind: 'bind', workspace })));
      const runner: BlockRunner = {
        threads: this.threads,
        run: async (operation) => {
          const shares = this.threads;
          const replies = this.workers.map((w, index) => {
            const [firstBlock, endBlock] = blockShare(workspace.blockCount, shares, index + 1);
            return firstBlock < endBlock ? w.request({ kind: 'run', operation, firstBlock, endBlock }) : Promise.resolve();
          });
          // The calling thread takes share 0 while the workers run theirs.
          const [firstBlock, endBlock] = blockShare(workspace.blockCount, shares, 0);
          try {
            runBlockOperation(workspace, operation, firstBlock, endBlock);
          } finally {
            await Promise.all(replies);
          }
        },
      };
      return await fit(runner);
    } finally {
      // Drop the workers' references to the buffers so they can be collected.
      await Promise.allSettled(this.workers.map((w) => w.request({ kind: 'unbind' })));
      for (const w of this.workers) w.worker.unref();
      this.busy = false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.kept = undefined;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
