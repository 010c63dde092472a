import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../src/infra/waitFor.js';
import { startSegmentationRun } from '../../src/runs/startSegmentationRun.js';
import type { SegmentationRunResult } from '../../workflows/segmentationRun.js';
import { AS_OF_ATTRIBUTE, STAGE_ATTRIBUTE } from '../../workflows/searchAttributeKeys.js';
import { spawnCli } from '../support/cliProcess.js';
import { smallCsv } from '../support/paths.js';
import { openTestStack, type TestStack } from '../support/testStack.js';

const AS_OF = '2011-06-30';
const STAGES = ['startRun', 'extractSource', 'cleanOrders', 'computeFeatures', 'fitClvModel', 'valueCustomers', 'applyCustomerValues', 'scoreRfm', 'scoreFirmographicTiers', 'fitKmeans', 'computeKpis', 'checkQuality', 'publishRun'];

let stack: TestStack;
let worker: ChildProcess;
let stderr = '';
let result: SegmentationRunResult;
let workflowId: string;

beforeAll(async () => {
  stack = await openTestStack();
  worker = spawnCli(['worker'], { DATABASE_URL: stack.database.url, TEMPORAL_ADDRESS: stack.config.temporalAddress, SEGFLOW_TASK_QUEUE: stack.config.taskQueue });
  worker.stdout!.resume();
  worker.stderr!.on('data', (chunk) => { stderr += chunk; });
  const run = await startSegmentationRun(stack.client, stack.config, { asOf: AS_OF, source: 'online-retail', sourceFile: smallCsv });
  workflowId = run.workflowId;
  result = (await run.handle.result()) as SegmentationRunResult;
}, 240_000);

afterAll(async () => {
  worker.kill('SIGTERM');
  await stack.close();
});

interface LogLine {
  level: string;
  time: string;
  msg: string;
  runId?: string;
  stage?: string;
  elapsedMs?: number;
  workflowId?: string;
}

describe('a worker process', () => {
  it('logs one JSON object per line, with the run id and stage on every stage line', async () => {
    // The last stage's "finished" line may still be on its way when the workflow result arrives.
    await waitFor(async () => stderr.split('\n').some((line) => line.includes('"msg":"stage finished"') && line.includes('"stage":"publishRun"')), 10_000, 100);
    const lines = stderr.split('\n').filter((line) => line.trim() !== '');
    const parsed = lines.map((line) => JSON.parse(line) as LogLine);
    for (const line of parsed) {
      expect(line.level).toMatch(/^(trace|debug|info|warn|error)$/);
      expect(Number.isNaN(Date.parse(line.time))).toBe(false);
    }
    const finished = parsed.filter((line) => line.msg === 'stage finished' && line.runId === result.runId);
    expect(finished.map((line) => line.stage).sort()).toEqual([...STAGES].sort());
    for (const line of finished) {
      expect(line.workflowId).toBe(workflowId);
      expect(line.elapsedMs).toBeGreaterThanOrEqual(0);
    }
    // References only: no email address, customer name or invoice line reaches the logs.
    expect(stderr).not.toMatch(/@[a-z0-9-]+\.[a-z]/i);
  });
});

describe('search attributes', () => {
  it('carry the as-of date and the stage, and find the run by them', async () => {
    const description = await stack.client.workflow.getHandle(workflowId).describe();
    expect(description.typedSearchAttributes.get(AS_OF_ATTRIBUTE)?.toISOString()).toBe(`${AS_OF}T00:00:00.000Z`);
    expect(description.typedSearchAttributes.get(STAGE_ATTRIBUTE)).toBe('published');

    // Visibility is eventually consistent: the list query sees the run a moment after it ends.
    const query = `SegflowAsOf >= '${AS_OF}T00:00:00Z' AND SegflowAsOf < '2011-07-01T00:00:00Z' AND SegflowStage = 'published' AND WorkflowId = '${workflowId}'`;
    const found = await waitFor(async () => {
      for await (const listed of stack.client.workflow.list({ query })) if (listed.workflowId === workflowId) return true;
      return false;
    }, 15_000, 250);
    expect(found).toBe(true);
  });
});
