import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSegmentationRun, type StartedRun } from '../../src/runs/startSegmentationRun.js';
import type { SegmentationRunResult } from '../../workflows/segmentationRun.js';
import { startedAttempts } from '../support/activityAttempts.js';
import { startHoldingWorker, type HoldingWorkerProcess } from '../support/holdingWorkerProcess.js';
import { runStages, shareKills, type RunStage } from '../support/killPlan.js';
import { smallCsv } from '../support/paths.js';
import { runOutputs } from '../support/runOutputs.js';
import { openTestStack, type TestStack } from '../support/testStack.js';

const AS_OF = '2011-09-30';
// Every kill costs the stage's timeout before Temporal retries it (30 s bookkeeping, 20 s heartbeat,
// 2 min heartbeat for the model fits): three runs share the stages and go side by side, each with a
// database and task queue of its own.
const KILLED_RUNS = 3;

interface KilledRun {
  stages: string[];
  started: StartedRun;
  result: SegmentationRunResult;
  outputs: Awaited<ReturnType<typeof runOutputs>>;
}

const stacks: TestStack[] = [];
const workers: HoldingWorkerProcess[] = [];

function spawnWorker(stack: TestStack): HoldingWorkerProcess {
  const worker = startHoldingWorker({ DATABASE_URL: stack.database.url, TEMPORAL_ADDRESS: stack.config.temporalAddress, SEGFLOW_TASK_QUEUE: stack.config.taskQueue });
  workers.push(worker);
  return worker;
}

/**
 * Runs the small fixture and SIGKILLs its worker in each given stage in turn, after the stage's work
 * committed and before Temporal heard of it: the retry on the next worker must redo it to the same result.
 */
async function runKillingIn(stack: TestStack, stages: string[], first: HoldingWorkerProcess): Promise<KilledRun> {
  let worker = first;
  if (stages[0]) await worker.hold({ activity: stages[0], at: 'exit' });
  const started = await startSegmentationRun(stack.client, stack.config, { asOf: AS_OF, source: 'online-retail', sourceFile: smallCsv });
  // Settles when the run ends, so a run that fails or skips a stage stops the wait at once.
  const ended = started.handle.result().then(() => 'completed', (error: Error) => `failed: ${(error.cause as Error | undefined)?.message ?? error.message}`);
  for (let i = 0; i < stages.length; i++) {
    const outcome = await Promise.race([worker.held(200_000).then(() => undefined), ended]);
    if (outcome) throw new Error(`run ${outcome} before a worker held ${stages[i]}\n${worker.output()}`);
    await worker.kill();
    // Started at once: it loads while the server waits out the dead attempt.
    worker = spawnWorker(stack);
    if (stages[i + 1]) await worker.hold({ activity: stages[i + 1]!, at: 'exit' });
  }
  const result = (await started.handle.result()) as SegmentationRunResult;
  return { stages, started, result, outputs: await runOutputs(stack.database.db, result.runId) };
}

async function runUninterrupted(stack: TestStack) {
  const started = await startSegmentationRun(stack.client, stack.config, { asOf: AS_OF, source: 'online-retail', sourceFile: smallCsv });
  const worker = await stack.startWorker();
  try {
    const result = (await worker.worker.runUntil(started.handle.result())) as SegmentationRunResult;
    return { started, result, outputs: await runOutputs(stack.database.db, result.runId) };
  } finally {
    await worker.close();
  }
}

beforeAll(async () => {
  stacks.push(...(await Promise.all(Array.from({ length: KILLED_RUNS + 1 }, () => openTestStack()))));
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  await Promise.all(stacks.map((s) => s.close()));
});

describe('a worker SIGKILLed in each stage in turn', () => {
  let clean: Awaited<ReturnType<typeof runUninterrupted>>;
  let stages: RunStage[];
  let plan: string[][];
  let killed: KilledRun[];

  beforeAll(async () => {
    const [cleanStack, ...killedStacks] = stacks;
    // The first worker of each killed run loads while the uninterrupted run shows which stages there are.
    const firstWorkers = killedStacks.map(spawnWorker);
    clean = await runUninterrupted(cleanStack!);
    stages = await runStages(clean.started.handle);
    plan = shareKills(stages, KILLED_RUNS);
    killed = await Promise.all(killedStacks.map((stack, i) => runKillingIn(stack, plan[i]!, firstWorkers[i]!)));
  }, 360_000);

  it('kills in every activity the run has, once', () => {
    const activities = stages.map((s) => s.activity);
    expect(activities).toEqual(expect.arrayContaining([
      'startRun', 'extractSource', 'cleanOrders', 'computeFeatures', 'scoreRfm', 'scoreFirmographicTiers', 'fitKmeans', 'computeKpis', 'checkQuality', 'publishRun',
    ]));
    expect(plan.flat().sort()).toEqual([...activities].sort());
  });

  it('retries each killed stage once, on a new worker, and no other stage', async () => {
    for (const run of killed) {
      expect((await run.started.handle.describe()).status.name).toBe('COMPLETED');
      const attempts = await startedAttempts(run.started.handle);
      const expected = Object.fromEntries(Object.keys(attempts).map((type) => [type, run.stages.includes(type) ? 2 : 1]));
      expect(Object.keys(attempts).sort()).toEqual(stages.map((s) => s.activity).sort());
      expect(attempts).toEqual(expected);
    }
  });

  it('publishes the same outputs as an uninterrupted run', async () => {
    expect(clean.outputs.counts).toEqual({ rawLines: 551, orderLines: 534, rejects: 17 });
    for (const [i, run] of killed.entries()) {
      expect(run.outputs).toEqual(clean.outputs);
      expect(await stacks[i + 1]!.database.db('segflow.published_runs').pluck('run_id')).toEqual([run.result.runId]);
    }
  });
});
