import { parentPort } from 'node:worker_threads';
import { replyOf, runClvTask, type ClvTask } from './clvTasks.js';

/** Worker thread of ClvThreads: runs one CLV task per message and replies with its result or failure. */
const port = parentPort;
if (!port) throw new Error('clvWorker.ts runs only as a worker thread of ClvThreads');

port.on('message', (request: ClvTask) => {
  port.postMessage(replyOf(() => runClvTask(request)));
});
