import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSegmentationRun, type StartedRun } from '../../src/runs/startSegmentationRun.js';
import type { SegmentationRunResult } from '../../workflows/segmentationRun.js';
import { rootMessage } from '../../workflows/rootMessage.js';
import { smallCsv } from '../support/paths.js';
import { runOutputs } from '../support/runOutputs.js';
import { openTestStack, type TestStack } from '../support/testStack.js';

const AS_OF = '2011-09-30';
let raced: TestStack;
let alone: TestStack;

const start = (stack: TestStack) => startSegmentationRun(stack.client, stack.config, { asOf: AS_OF, source: 'online-retail', sourceFile: smallCsv });

async function settle(stack: TestStack, runs: StartedRun[]) {
  const worker = await stack.startWorker();
  try {
    return await worker.worker.runUntil(Promise.allSettled(runs.map((r) => r.handle.result() as Promise<SegmentationRunResult>)));
  } finally {
    await worker.close();
  }
}

beforeAll(async () => {
  [raced, alone] = await Promise.all([openTestStack(), openTestStack()]);
});
afterAll(async () => { await Promise.all([raced?.close(), alone?.close()]); });

describe('two runs for one as-of date started together', () => {
  let runs: StartedRun[];
  let outcomes: PromiseSettledResult<SegmentationRunResult>[];
  let winner: StartedRun;
  let loser: StartedRun;

  beforeAll(async () => {
    // Both are queued before any worker polls, so their first activities (startRun) race.
    runs = [await start(raced), await start(raced)];
    outcomes = await settle(raced, runs);
    const won = outcomes.findIndex((o) => o.status === 'fulfilled');
    winner = runs[won]!;
    loser = runs[1 - won]!;
  }, 180_000);

  it('publishes exactly one of them', async () => {
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await raced.database.db('segflow.published_runs').pluck('run_id')).toEqual([winner.runId]);
  });

  it('refuses the other with a non-retryable error naming the running run', async () => {
    const failure = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(failure.reason).toBeInstanceOf(WorkflowFailedError);
    expect(rootMessage(failure.reason)).toMatch(
      new RegExp(`^segflow: as-of ${AS_OF} of online-retail is being computed by run ${winner.runId} \\(workflow ${winner.workflowId}, started .*\\); this run was refused so their outputs cannot mix`),
    );
    const history = await raced.client.workflow.getHandle(loser.workflowId).fetchHistory();
    const startRunAttempts = (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'startRun');
    expect(startRunAttempts).toHaveLength(1);
  });

  it('records the refused run as failed, with no outputs', async () => {
    const run = await raced.database.db('segflow.runs').where({ run_id: loser.runId }).first('status', 'fence');
    expect(run).toEqual({ status: 'failed', fence: null });
    expect((await runOutputs(raced.database.db, loser.runId)).counts).toEqual({ rawLines: 0, orderLines: 0, rejects: 0 });
  });

  it('publishes the same outputs as a lone run of the date', async () => {
    const [lone] = await settle(alone, [await start(alone)]);
    expect(lone!.status).toBe('fulfilled');
    const loneRunId = (lone as PromiseFulfilledResult<SegmentationRunResult>).value.runId;
    const [racedOutputs, loneOutputs] = await Promise.all([runOutputs(raced.database.db, winner.runId), runOutputs(alone.database.db, loneRunId)]);
    expect(racedOutputs.counts).toEqual({ rawLines: 551, orderLines: 534, rejects: 17 });
    expect(racedOutputs).toEqual(loneOutputs);
  }, 120_000);
});
