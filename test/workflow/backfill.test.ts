import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WorkerHandle } from '../../src/infra/createWorker.js';
import { locateTemporalCli } from '../../src/infra/temporalCli.js';
import { projectRoot } from '../../src/paths.js';
import { planBackfill } from '../../src/runs/backfillPlan.js';
import { startBackfill, type BackfillStartOptions } from '../../src/runs/startBackfill.js';
import { startSegmentationRun } from '../../src/runs/startSegmentationRun.js';
import type { BackfillProgress, BackfillTally } from '../../workflows/backfill.js';
import type { SegmentationRunResult } from '../../workflows/segmentationRun.js';
import { executionChain, maxChildrenInFlight } from '../support/childWorkflows.js';
import { smallCsv } from '../support/paths.js';
import { runOutputs } from '../support/runOutputs.js';
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

interface Watched {
  tally: BackfillTally;
  handle: WorkflowHandleWithFirstExecutionRunId;
  /** Every answer of the progress query while the backfill ran. */
  polls: BackfillProgress[];
}

async function backfillToCompletion(
  range: { from: string; to: string; every: string; concurrency: string },
  options: Partial<BackfillStartOptions> & { sourceFile?: string } = {},
): Promise<Watched> {
  const { sourceFile = smallCsv, ...start } = options;
  const started = await startBackfill(stack.client, stack.config, planBackfill(range), { source: 'online-retail', sourceFile }, { force: false, ...start });
  const polls: BackfillProgress[] = [];
  let finished = false;
  const result = started.handle.result().finally(() => { finished = true; });
  while (!finished) {
    const progress = await started.handle.query<BackfillProgress>('progress').catch(() => undefined);
    if (progress) polls.push(progress);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { tally: await result, handle: started.handle, polls };
}

/**
 * Segments keyed by their members instead of their ids. k-means ids are matched to the latest
 * published run's (stable ids), so they depend on which run published last, which in a
 * concurrent backfill is a race; the clusters themselves (members, sizes, centroids) must not.
 */
function byMembers(outputs: Awaited<ReturnType<typeof runOutputs>>) {
  const membersOf = (scheme: string, segmentId: number) =>
    outputs.assignments.filter((a) => a.scheme === scheme && a.segment_id === segmentId).map((a) => a.customer_id).join(' ');
  return outputs.segments
    .map(({ scheme, segment_id, label, description, customers, monetary, centroid }) => ({
      scheme,
      members: membersOf(scheme, segment_id),
      ...(scheme === 'kmeans' ? {} : { segment_id, label }),
      description, customers, monetary, centroid,
    }))
    .sort((x, y) => `${x.scheme} ${x.members}`.localeCompare(`${y.scheme} ${y.members}`));
}

async function publishedRunsOf(asOf: string) {
  return stack.database.db('segflow.runs').where({ as_of: asOf, status: 'published' }).orderBy('started_at').select('run_id', 'workflow_id');
}

describe('a backfill of twelve month ends with concurrency 3', () => {
  let watched: Watched;

  beforeAll(async () => {
    watched = await backfillToCompletion({ from: '2011-01-31', to: '2011-12-31', every: 'month', concurrency: '3' });
  }, 300_000);

  it('publishes every date', async () => {
    expect(watched.tally).toEqual({ total: 12, done: 12, skipped: 0, failed: 0, skippedDates: [], failedDates: [], failures: [] });
    const runs = await stack.database.db('segflow.runs').where({ status: 'published' }).orderBy('as_of').select('as_of', 'workflow_id');
    expect(runs.map((r) => r.as_of)).toEqual(planBackfill({ from: '2011-01-31', to: '2011-12-31', every: 'month', concurrency: '3' }).dates);
    expect(runs.map((r) => r.workflow_id)).toEqual(runs.map((r) => `segflow-asof-${r.as_of}`));
  });

  it('never has more than 3 runs in flight, and keeps 3 going (history)', async () => {
    expect(await maxChildrenInFlight(watched.handle)).toBe(3);
  });

  it('answers the progress query while it runs, never with more than 3 in flight', () => {
    expect(watched.polls.length).toBeGreaterThan(3);
    for (const poll of watched.polls) {
      expect(poll.total).toBe(12);
      expect(poll.running).toBe(poll.inFlight.length);
      expect(poll.running).toBeLessThanOrEqual(3);
    }
    expect(Math.max(...watched.polls.map((p) => p.running))).toBe(3);
    expect(watched.polls.some((p) => p.done > 0 && p.done < 12)).toBe(true);
  });

  it('gives a date the same features and segments as a run of that date on its own', async () => {
    const [fromBackfill] = await publishedRunsOf('2011-06-30');
    const alone = await startSegmentationRun(stack.client, stack.config, { asOf: '2011-06-30', source: 'online-retail', sourceFile: smallCsv });
    const result = await alone.handle.result() as SegmentationRunResult;
    const [a, b] = await Promise.all([runOutputs(stack.database.db, fromBackfill.run_id), runOutputs(stack.database.db, result.runId)]);
    expect(a.features).toHaveLength(9);
    expect(b.features).toEqual(a.features);
    expect(byMembers(b)).toEqual(byMembers(a));
  }, 120_000);

  it('skips the dates already published', async () => {
    const again = await backfillToCompletion({ from: '2011-10-31', to: '2011-12-31', every: 'month', concurrency: '3' });
    expect(again.tally).toMatchObject({ total: 3, done: 0, skipped: 3, failed: 0, skippedDates: ['2011-10-31', '2011-11-30', '2011-12-31'] });
    expect(await maxChildrenInFlight(again.handle)).toBe(0);
    expect(await publishedRunsOf('2011-11-30')).toHaveLength(1);
  });

  it('reruns published dates with force', async () => {
    const forced = await backfillToCompletion({ from: '2011-10-31', to: '2011-12-31', every: 'month', concurrency: '3' }, { force: true });
    expect(forced.tally).toMatchObject({ total: 3, done: 3, skipped: 0, failed: 0 });
    for (const asOf of ['2011-10-31', '2011-11-30', '2011-12-31']) expect(await publishedRunsOf(asOf)).toHaveLength(2);
  }, 120_000);
});

describe('a backfill that continues as new', () => {
  it('runs every date across three executions when each may start only 2', async () => {
    const watched = await backfillToCompletion({ from: '2011-07-01', to: '2011-07-05', every: 'day', concurrency: '2' }, { maxDatesPerExecution: 2 });
    expect(watched.tally).toMatchObject({ total: 5, done: 5, skipped: 0, failed: 0 });
    const started = await watched.handle.describe();
    const chain = await executionChain(stack.client, watched.handle.workflowId, watched.handle.firstExecutionRunId);
    expect(chain).toHaveLength(3);
    expect(chain.at(-1)).toBe(started.runId);
    for (const asOf of ['2011-07-01', '2011-07-02', '2011-07-03', '2011-07-04', '2011-07-05']) expect(await publishedRunsOf(asOf)).toHaveLength(1);
  }, 180_000);
});

describe('a backfill whose runs cannot start or fail', () => {
  it('skips a date that another workflow is running right now', async () => {
    // A run of 2011-05-31 under the date's workflow id, on a task queue no worker polls: it stays running.
    const blocker = await stack.client.workflow.start('segmentationRun', {
      taskQueue: `${stack.config.taskQueue}-nobody`,
      workflowId: 'segflow-asof-2011-05-31',
      args: [{ asOf: '2011-05-31', source: 'online-retail', sourceFile: smallCsv }],
    });
    try {
      const watched = await backfillToCompletion({ from: '2011-05-30', to: '2011-05-31', every: 'day', concurrency: '2' });
      expect(watched.tally).toMatchObject({ total: 2, done: 1, skipped: 1, failed: 0, skippedDates: ['2011-05-31'] });
      // Re-record the replay history after an intended change to the backfill workflow: SEGFLOW_RECORD_HISTORY=1.
      if (process.env.SEGFLOW_RECORD_HISTORY === '1') await recordHistory(watched.handle.workflowId, 'backfill.json');
    } finally {
      await blocker.terminate('test over');
    }
  }, 120_000);

  it('counts failed dates with their reason and carries on', async () => {
    const watched = await backfillToCompletion({ from: '2011-04-01', to: '2011-04-02', every: 'day', concurrency: '1' }, { sourceFile: '/nonexistent/retail.csv' });
    expect(watched.tally).toMatchObject({ total: 2, done: 0, skipped: 0, failed: 2, failedDates: ['2011-04-01', '2011-04-02'] });
    expect(watched.tally.failures.map((f) => f.message)).toEqual([
      expect.stringMatching(/^segflow: source file not found: \/nonexistent\/retail\.csv — /),
      expect.stringMatching(/^segflow: source file not found: \/nonexistent\/retail\.csv — /),
    ]);
  }, 120_000);
});

async function recordHistory(workflowId: string, file: string): Promise<void> {
  const cli = await locateTemporalCli(stack.config, () => undefined);
  const json = execFileSync(cli, ['workflow', 'show', '--workflow-id', workflowId, '--address', inject('temporalAddress'), '--output', 'json']);
  await writeFile(join(projectRoot, 'test', 'replay', 'histories', file), json);
}
