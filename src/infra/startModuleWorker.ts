import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker-thread module `name` that sits next to the caller (`callerUrl` is its
 * import.meta.url). From dist/ that is plain `name.js`. From the TypeScript source (tsx, vitest)
 * Node cannot load .ts in a worker, and tsx's --import hooks do not reach worker threads (tsx
 * issue 354), so a one-line bootstrap registers tsx inside the worker first. tsx is a
 * devDependency, which is all the source tree needs.
 */
export function startModuleWorker(callerUrl: string, name: string): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl));
  const tsxApi = createRequire(callerUrl).resolve('tsx/esm/api');
  const script = new URL(`./${name}.ts`, callerUrl).href;
  return new Worker(`require(${JSON.stringify(tsxApi)}).register(); import(${JSON.stringify(script)});`, { eval: true });
}
