import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { inject } from 'vitest';
import { loadConfig, type SegflowConfig } from '../../src/config.js';
import { createWorker, type WorkerHandle } from '../../src/infra/createWorker.js';
import { createTestDatabase, type TestDatabase } from './testDatabase.js';
import { TEST_PII_KEY } from './testPiiKey.js';

export interface TestStack {
  config: SegflowConfig;
  database: TestDatabase;
  client: Client;
  /** A worker in this process on the file's own task queue. */
  startWorker(): Promise<WorkerHandle>;
  close(): Promise<void>;
}

/** A fresh database and a Temporal client on the suite's dev server, with a task queue of its own. */
export async function openTestStack(): Promise<TestStack> {
  const database = await createTestDatabase();
  const temporalAddress = inject('temporalAddress');
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: temporalAddress,
    SEGFLOW_TASK_QUEUE: `segflow-test-${randomBytes(4).toString('hex')}`,
    SEGFLOW_PII_KEY: TEST_PII_KEY,
  });
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection, namespace: config.temporalNamespace });
  return {
    config,
    database,
    client,
    startWorker: () => createWorker(config, temporalAddress, database.db),
    close: async () => {
      await connection.close();
      await database.drop();
    },
  };
}
