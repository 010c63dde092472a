import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSegmentationRun } from '../../src/runs/startSegmentationRun.js';
import type { RunProgress } from '../../workflows/runProgress.js';
import type { SegmentationRunResult } from '../../workflows/segmentationRun.js';
import { spawnCli } from '../support/cliProcess.js';
import { onlineRetailFile } from '../support/paths.js';
import { activityRunner } from '../support/runActivities.js';
import { openTestStack, type TestStack } from '../support/testStack.js';

const AS_OF = '2011-12-09';
/** 4,338 valued customers in partitions of 500: nine valueCustomers activities in flight at once. */
const PARTITION_CUSTOMERS = 500;

let stack: TestStack;
const workers: ChildProcess[] = [];
let result: SegmentationRunResult;
let workflowId: string;

function startWorkerProcess(): void {
  const child = spawnCli(['worker'], {
    DATABASE_URL: stack.database.url,
    TEMPORAL_ADDRESS: stack.config.temporalAddress,
    SEGFLOW_TASK_QUEUE: stack.config.taskQueue,
    SEGFLOW_PARTITION_CUSTOMERS: String(PARTITION_CUSTOMERS),
  });
  child.stdout!.resume();
  child.stderr!.resume();
  workers.push(child);
}

beforeAll(async () => {
  stack = await openTestStack();
  startWorkerProcess();
  startWorkerProcess();
  const run = await startSegmentationRun(stack.client, stack.config, { asOf: AS_OF, source: 'online-retail', sourceFile: onlineRetailFile });
  workflowId = run.workflowId;
  result = (await run.handle.result()) as SegmentationRunResult;
}, 400_000);

afterAll(async () => {
  for (const worker of workers) worker.kill('SIGTERM');
  await stack.close();
});

type CustomerValue = { customer_id: string; p_alive: string | null; expected_purchases_365d: string | null; expected_aov: string | null; clv_predicted_365d: string | null };

async function customerValues(runId: string): Promise<CustomerValue[]> {
  return stack.database.db('segflow.customer_features')
    .where({ run_id: runId })
    .orderBy('customer_id')
    .select('customer_id', 'p_alive', 'expected_purchases_365d', 'expected_aov', 'clv_predicted_365d');
}

describe('one run on two worker processes', () => {
  it('values its customers in partitions that both workers execute', async () => {
    const history = await stack.client.workflow.getHandle(workflowId).fetchHistory();
    const events = history.events ?? [];
    const scheduled = new Set(
      events.filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'valueCustomers').map((event) => String(event.eventId)),
    );
    expect(scheduled.size).toBe(9);
    const identities = new Set(
      events
        .filter((event) => event.activityTaskStartedEventAttributes && scheduled.has(String(event.activityTaskStartedEventAttributes.scheduledEventId)))
        .map((event) => event.activityTaskStartedEventAttributes!.identity),
    );
    expect(identities.size).toBe(2);
    expect(result.rowCounts.customersWithClv).toBe(4338);

    const progress = await stack.client.workflow.getHandle(workflowId).query<RunProgress>('progress');
    expect(progress.stage).toBe('published');
  });

  it('writes the same values as the whole CLV stage in one activity', async () => {
    const partitioned = await customerValues(result.runId);
    expect(partitioned.filter((row) => row.clv_predicted_365d !== null)).toHaveLength(4338);
    // The single-activity stage rewrites the same columns of the same run from the same orders.
    await activityRunner(stack.database.db).call('fitClv', { runId: result.runId, asOf: AS_OF });
    expect(await customerValues(result.runId)).toEqual(partitioned);
  });
});
