import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../infra/startModuleWorker.js';
import { ClvFitError } from './clvFitError.js';
import type { ClvTask, ClvTaskReply, ClvTaskResult } from './clvTasks.js';

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
    return new ClvThreads(Array.from({ length: Math.max(1, threads) }, () => startModuleWorker(import.meta.url, 'clvWorker')));
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
