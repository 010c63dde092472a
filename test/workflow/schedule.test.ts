import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScheduleHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WorkerHandle } from '../../src/infra/createWorker.js';
import { locateTemporalCli } from '../../src/infra/temporalCli.js';
import { waitFor } from '../../src/infra/waitFor.js';
import { projectRoot } from '../../src/paths.js';
import { createSchedule } from '../../src/schedules/createSchedule.js';
import type { SegmentationRunResult } from '../../workflows/segmentationRun.js';
import { smallCsv } from '../support/paths.js';
import { openTestStack, type TestStack } from '../support/testStack.js';

let stack: TestStack;
let worker: WorkerHandle;
let working: Promise<void>;

beforeAll(async () => {
  stack = await openTestStack();
  worker = await stack.startWorker();
  working = worker.worker.run();
});

afterAll(async () => {
  worker.worker.shutdown();
  await working;
  await worker.close();
  await stack.close();
});

/** Kiritimati is UTC+14 all year (no summer time), so its calendar day is easy to work out by hand. */
function kiritimatiDayMinus(instant: Date, days: number): string {
  return new Date(instant.getTime() + 14 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);
}

describe('a schedule with a 5-second interval', () => {
  let schedule: ScheduleHandle;
  let scheduledAt: Date;
  let workflowId: string;
  let result: SegmentationRunResult;

  beforeAll(async () => {
    schedule = await createSchedule(stack.client, stack.config, {
      name: `test-${randomBytes(4).toString('hex')}`, intervalMs: 5_000, timeZone: 'Pacific/Kiritimati', overlap: 'skip', catchupWindowMs: 60_000, lagDays: 1,
    }, { source: 'online-retail', sourceFile: smallCsv });
    const fired = await waitFor(async () => (await schedule.describe()).info.recentActions.length > 0, 30_000, 250);
    expect(fired).toBe(true);
    const first = (await schedule.describe()).info.recentActions[0]!;
    scheduledAt = first.scheduledAt;
    workflowId = first.action.workflow.workflowId;
    // The first run is enough: stop the schedule before it starts more.
    await schedule.delete();
    result = await stack.client.workflow.getHandle(workflowId).result() as SegmentationRunResult;
    // Re-record the replay history of a scheduled run after an intended workflow change: SEGFLOW_RECORD_HISTORY=1.
    if (process.env.SEGFLOW_RECORD_HISTORY === '1') {
      const cli = await locateTemporalCli(stack.config, () => undefined);
      const json = execFileSync(cli, ['workflow', 'show', '--workflow-id', workflowId, '--address', inject('temporalAddress'), '--output', 'json']);
      await writeFile(join(projectRoot, 'test', 'replay', 'histories', 'segmentationRunScheduled.json'), json);
    }
  }, 120_000);

  afterAll(async () => {
    await schedule.delete().catch(() => undefined);
  });

  it('fires and starts a segmentation run named after the schedule', () => {
    expect(workflowId.startsWith(`segflow-schedule-${schedule.scheduleId}-`)).toBe(true);
  });

  it("takes the as-of date from the scheduled start time: its day in the schedule's zone minus the lag", async () => {
    expect(result.asOf).toBe(kiritimatiDayMinus(scheduledAt, 1));
    const run = await stack.database.db('segflow.runs').where({ run_id: result.runId }).first('as_of', 'status', 'workflow_id');
    expect(run).toEqual({ as_of: result.asOf, status: 'published', workflow_id: workflowId });
  });

  it('reads the scheduled time from the TemporalScheduledStartTime search attribute the schedule set', async () => {
    const description = await stack.client.workflow.getHandle(workflowId).describe();
    const attribute = description.searchAttributes.TemporalScheduledStartTime as Date[] | undefined;
    expect(attribute?.[0]?.toISOString()).toBe(scheduledAt.toISOString());
  });

  it('is gone after delete', async () => {
    await expect(schedule.describe()).rejects.toThrow(/not found/i);
  });
});

describe('a run started without an as-of date and not by a schedule', () => {
  it('fails with a message saying what to pass', async () => {
    const handle = await stack.client.workflow.start('segmentationRun', {
      taskQueue: stack.config.taskQueue,
      workflowId: `no-as-of-${randomBytes(4).toString('hex')}`,
      args: [{ source: 'online-retail', sourceFile: smallCsv }],
    });
    const error = await handle.result().catch((e: unknown) => e) as Error;
    let root: Error = error;
    while (root.cause instanceof Error) root = root.cause;
    expect(root.message).toBe(
      'segflow: segmentationRun started without an as-of date — pass asOf, or start it from a schedule (segflow schedule create), which supplies its scheduled time',
    );
    expect(await stack.database.db('segflow.runs').where({ workflow_id: handle.workflowId })).toHaveLength(0);
  });
});
