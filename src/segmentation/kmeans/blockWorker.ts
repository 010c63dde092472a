import { parentPort } from 'node:worker_threads';
import { runBlockOperation } from './blockKernels.js';
import type { KmeansWorkspace } from './kmeansWorkspace.js';
import type { WorkerReply, WorkerRequest } from './workerMessages.js';

/** Worker thread of KmeansWorkerPool: runs block operations on the shared workspace it is bound to. */
const port = parentPort;
if (!port) throw new Error('blockWorker.ts runs only as a worker thread of KmeansWorkerPool');

let workspace: KmeansWorkspace | undefined;

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply = { kind: 'done' };
  try {
    if (request.kind === 'bind') workspace = request.workspace;
    else if (request.kind === 'unbind') workspace = undefined;
    else if (!workspace) reply = { kind: 'failed', message: 'k-means worker got work before a workspace was bound' };
    else runBlockOperation(workspace, request.operation, request.firstBlock, request.endBlock);
  } catch (error) {
    reply = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
