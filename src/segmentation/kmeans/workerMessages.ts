import type { BlockOperation } from './blockKernels.js';
import type { KmeansWorkspace } from './kmeansWorkspace.js';

/** Main thread → worker. The workspace arrays are SharedArrayBuffer views, so binding shares them. */
export type WorkerRequest =
  | { kind: 'bind'; workspace: KmeansWorkspace }
  | { kind: 'run'; operation: BlockOperation; firstBlock: number; endBlock: number }
  | { kind: 'unbind' };

/** Worker → main thread, one reply per request. */
export type WorkerReply = { kind: 'done' } | { kind: 'failed'; message: string };
