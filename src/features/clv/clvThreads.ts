import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { ClvFitError } from './clvFitError.js';
import type { ClvTask, ClvTaskReply, ClvTaskResult } from './clvTasks.js';

/**
 * Starts clvWorker next to this module: plain clvWorker.js from dist/; from the TypeScript source
 * (tsx, vitest) a one-line bootstrap registers tsx inside the worker first, as the k-means pool does.
 */
function startClvWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./clvWorker.js', here));
  const tsxApi = createRequire(here).resolve('tsx/esm/api');
  const script = new URL('./clvWorker.ts', here).href;
  return new Worker(`require(${JSON.stringify(tsxApi)}).register(); import(${JSON.stringify(script)});`, { eval: true });
}

interface Queued {
  request: ClvTask;
  resolve: (result: ClvTaskResult) => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads for CLV fitting: tasks queue and go to the first free thread, so the two
 * BG/NBD fits (holdout check and final model) and the per-customer values run side by side and the
 * activity's event loop stays free to heartbeat. A ClvFitError in a thread is rethrown as one.
 */
export class ClvThreads {
  private readonly idle: Worker[] = [];
  private readonly queue: Queued[] = [];
  private readonly running = new Map<Worker, Queued>();
  private failure: Error | undefined;

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', (reply: ClvTaskReply) => this.settle(worker, reply));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => this.fail(new Error(`a CLV worker thread exited unexpectedly (code ${code})`)));
      this.idle.push(worker);
    }
  }

  static open(threads: number): ClvThreads {
    return new ClvThreads(Array.from({ length: Math.max(1, threads) }, startClvWorker));
  }

  run(request: ClvTask): Promise<ClvTaskResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the CLV threads are closed');
    for (const worker of this.workers) worker.removeAllListeners('exit');
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const next = this.queue.shift()!;
      this.running.set(worker, next);
      worker.postMessage(next.request);
    }
  }

  private settle(worker: Worker, reply: ClvTaskReply): void {
    const done = this.running.get(worker);
    this.running.delete(worker);
    this.idle.push(worker);
    if (done) {
      if (reply.ok) done.resolve(reply.result);
      else done.reject(reply.fitError ? new ClvFitError(reply.message) : new Error(`CLV worker thread: ${reply.message}`));
    }
    this.dispatch();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const queued of [...this.running.values(), ...this.queue]) queued.reject(this.failure);
    this.running.clear();
    this.queue.length = 0;
  }
}
