import { NativeConnection, Worker, type WorkerInterceptors } from '@temporalio/worker';
import type { Knex } from 'knex';
import { createActivities } from '../../activities/index.js';
import { codeVersion } from '../codeVersion.js';
import type { SegflowConfig } from '../config.js';
import { workflowsEntry } from '../paths.js';
import { stageLogInterceptor } from '../observability/stageLogInterceptor.js';
import { ensureSearchAttributes } from './ensureSearchAttributes.js';
import { payloadDataConverter } from './payloadDataConverter.js';

export interface WorkerHandle {
  worker: Worker;
  close(): Promise<void>;
}

/** Wiring only: a worker on the segflow task queue with the workflows bundle and the activities; fault tests add interceptors. */
export async function createWorker(config: SegflowConfig, temporalAddress: string, db: Knex, interceptors?: WorkerInterceptors): Promise<WorkerHandle> {
  const connection = await NativeConnection.connect({ address: temporalAddress });
  await ensureSearchAttributes(connection, config.temporalNamespace);
  const worker = await Worker.create({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    workflowsPath: workflowsEntry(),
    // Encrypts what the worker sends to Temporal and decrypts what it receives, when a payload key is set.
    dataConverter: payloadDataConverter(config),
    activities: createActivities({
      db, dataDir: config.dataDir, kmeansSeed: config.kmeansSeed, codeVersion: codeVersion(), sourceEnv: config.sourceEnv, piiKey: config.piiKey,
      asOfClaimTimeoutMinutes: config.asOfClaimTimeoutMinutes, qualityGates: config.qualityGates, partitionCustomers: config.partitionCustomers, fitSampleCustomers: config.fitSampleCustomers,
    }),
    // Stages are I/O- or CPU-heavy on a 2-core machine: a few at a time is plenty.
    maxConcurrentActivityTaskExecutions: 4,
    interceptors: { ...interceptors, activity: [stageLogInterceptor, ...(interceptors?.activity ?? [])] },
  });
  return { worker, close: () => connection.close() };
}
