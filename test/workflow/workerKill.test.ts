import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSegmentationRun } from '../../src/runs/startSegmentationRun.js';
import type { SegmentationRunResult } from '../../workflows/segmentationRun.js';
import { spawnCli } from '../support/cliProcess.js';
import { onlineRetailFile } from '../support/paths.js';
import { runOutputs } from '../support/runOutputs.js';
import { openTestStack, type TestStack } from '../support/testStack.js';

const AS_OF = '2011-09-30';
let stack: TestStack;
const workers: ChildProcess[] = [];

function startWorkerProcess(): ChildProcess {
  const child = spawnCli(['worker'], {
    DATABASE_URL: stack.database.url,
    TEMPORAL_ADDRESS: stack.config.temporalAddress,
    SEGFLOW_TASK_QUEUE: stack.config.taskQueue,
  });
  child.stderr!.resume();
  child.stdout!.resume();
  workers.push(child);
  return child;
}

beforeAll(async () => { stack = await openTestStack(); });
afterAll(async () => {
  for (const worker of workers) worker.kill('SIGKILL');
  await stack.close();
});

describe('a worker killed in the middle of a run', () => {
  it('is replaced and the run completes with the same output as an uninterrupted run', async () => {
    const interrupted = await startSegmentationRun(stack.client, stack.config, { asOf: AS_OF, source: 'online-retail', sourceFile: onlineRetailFile });
    const doomed = startWorkerProcess();

    // Kill while the extract is mid-COPY, once its first progress heartbeat (50k lines) reached the server.
    let linesAtKill = 0;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && linesAtKill < 50_000) {
      const description = await interrupted.handle.describe();
      const pending = description.raw.pendingActivities ?? [];
      const extract = pending.find((a) => a.activityType?.name === 'extractSource');
      const payload = extract?.heartbeatDetails?.payloads?.[0]?.data;
      if (payload) linesAtKill = (JSON.parse(Buffer.from(payload).toString()) as { linesRead: number }).linesRead;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(linesAtKill).toBeGreaterThanOrEqual(50_000);
    doomed.kill('SIGKILL');
    await new Promise((resolve) => doomed.once('exit', resolve));

    startWorkerProcess();
    const result = (await interrupted.handle.result()) as SegmentationRunResult;
    const description = await interrupted.handle.describe();
    expect(description.status.name).toBe('COMPLETED');

    const attempts = (await interrupted.handle.fetchHistory()).events!.filter((e) => e.activityTaskStartedEventAttributes?.attempt === 2);
    expect(attempts.length).toBeGreaterThanOrEqual(1);

    // Read before the uninterrupted run of the same quarter is published: publishing it replaces this run's KPI rows.
    const a = await runOutputs(stack.database.db, result.runId);
    const uninterrupted = await startSegmentationRun(stack.client, stack.config, { asOf: AS_OF, source: 'online-retail', sourceFile: onlineRetailFile });
    const clean = (await uninterrupted.handle.result()) as SegmentationRunResult;
    const b = await runOutputs(stack.database.db, clean.runId);
    expect(a.counts).toEqual({ rawLines: 541_909, orderLines: b.counts.orderLines, rejects: b.counts.rejects });
    expect(a).toEqual(b);
  }, 400_000);
});
