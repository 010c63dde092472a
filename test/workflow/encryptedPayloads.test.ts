import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig, type SegflowConfig } from '../../src/config.js';
import { connectClient, type ClientHandle } from '../../src/infra/connectClient.js';
import { createWorker } from '../../src/infra/createWorker.js';
import { startSegmentationRun, type StartedRun } from '../../src/runs/startSegmentationRun.js';
import type { SegmentationRunResult } from '../../workflows/segmentationRun.js';
import { smallCsv } from '../support/paths.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const AS_OF = '2011-09-30';
let database: TestDatabase;
let config: SegflowConfig;
let encrypting: ClientHandle;
let started: StartedRun;
let result: SegmentationRunResult;

beforeAll(async () => {
  database = await createTestDatabase();
  config = loadConfig({
    ...process.env,
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    SEGFLOW_TASK_QUEUE: `segflow-test-${randomBytes(4).toString('hex')}`,
    SEGFLOW_PAYLOAD_KEY: randomBytes(32).toString('base64'),
    SEGFLOW_PAYLOAD_KEY_ID: 'test-key',
  });
  encrypting = await connectClient(config, inject('temporalAddress'));
  started = await startSegmentationRun(encrypting.client, config, { asOf: AS_OF, source: 'online-retail', sourceFile: smallCsv });
  const worker = await createWorker(config, inject('temporalAddress'), database.db);
  try {
    result = (await worker.worker.runUntil(started.handle.result())) as SegmentationRunResult;
  } finally {
    await worker.close();
  }
}, 180_000);
afterAll(async () => {
  await encrypting?.close();
  await database?.drop();
});

/** Every payload of the run's history as the Temporal server stores it, read without the key. */
async function storedPayloads() {
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  try {
    const plain = new Client({ connection, namespace: config.temporalNamespace });
    const history = await plain.workflow.getHandle(started.workflowId).fetchHistory();
    const payloads = [];
    for (const event of history.events ?? []) {
      const attributes = [
        event.workflowExecutionStartedEventAttributes?.input,
        event.activityTaskScheduledEventAttributes?.input,
        event.activityTaskCompletedEventAttributes?.result,
        event.workflowExecutionCompletedEventAttributes?.result,
      ];
      for (const list of attributes) payloads.push(...(list?.payloads ?? []));
    }
    return payloads;
  } finally {
    await connection.close();
  }
}

describe('a run with the payload codec', () => {
  it('completes and publishes, with its result decrypted for the encrypting client', async () => {
    expect(result).toMatchObject({ runId: started.runId, asOf: AS_OF, rowCounts: { linesRead: 551, accepted: 534, rejected: 17 } });
    expect(await database.db('segflow.runs').where({ run_id: started.runId }).first('status')).toEqual({ status: 'published' });
  });

  it('leaves no readable JSON in the history: every payload is binary/encrypted under the key id', async () => {
    const payloads = await storedPayloads();
    // Workflow input and result, and the input and result of each of the run's thirteen activities.
    expect(payloads.length).toBe(28);
    for (const payload of payloads) {
      expect(Buffer.from(payload.metadata!.encoding!).toString()).toBe('binary/encrypted');
      expect(Buffer.from(payload.metadata!['encryption-key-id']!).toString()).toBe('test-key');
      const data = Buffer.from(payload.data!).toString('latin1');
      expect(data).not.toContain(started.runId);
      expect(data).not.toContain('online_retail_small');
    }
  });
});
