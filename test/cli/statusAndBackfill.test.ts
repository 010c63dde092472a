import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSegmentationRun } from '../../src/runs/startSegmentationRun.js';
import type { RunProgress } from '../../workflows/runProgress.js';
import type { SegmentationRunResult } from '../../workflows/segmentationRun.js';
import { runCli } from '../support/cliProcess.js';
import { smallCsv } from '../support/paths.js';
import { openTestStack, type TestStack } from '../support/testStack.js';

const FILE_RUN_STAGES = ['extract', 'clean', 'features', 'clv', 'rfm', 'firmographic', 'kmeans', 'kpis', 'publish'];

let stack: TestStack;
let env: Record<string, string>;

beforeAll(async () => {
  stack = await openTestStack();
  env = { DATABASE_URL: stack.database.url, TEMPORAL_ADDRESS: inject('temporalAddress'), SEGFLOW_TASK_QUEUE: stack.config.taskQueue };
});
afterAll(async () => { await stack.close(); });

describe('the progress query of a segmentation run', () => {
  let polls: RunProgress[];
  let final: RunProgress;
  let result: SegmentationRunResult;

  beforeAll(async () => {
    const started = await startSegmentationRun(stack.client, stack.config, { asOf: '2011-09-30', source: 'online-retail', sourceFile: smallCsv });
    const worker = await stack.startWorker();
    polls = [];
    try {
      await worker.worker.runUntil(async () => {
        let finished = false;
        const done = started.handle.result().finally(() => { finished = true; });
        while (!finished) {
          const progress = await started.handle.query<RunProgress>('progress').catch(() => undefined);
          if (progress) polls.push(progress);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        result = await done as SegmentationRunResult;
        final = await started.handle.query<RunProgress>('progress');
      });
    } finally {
      await worker.close();
    }
  }, 120_000);

  it('answers while the run works, with the stages in order', () => {
    expect(polls.length).toBeGreaterThan(2);
    const seen = [...new Set(polls.map((p) => p.stage))].filter((s) => FILE_RUN_STAGES.includes(s));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual(FILE_RUN_STAGES.filter((s) => seen.includes(s)));
    for (const poll of polls) {
      expect(poll.stagesTotal).toBe(9);
      if (FILE_RUN_STAGES.includes(poll.stage)) expect(poll.stagesDone).toBe(FILE_RUN_STAGES.indexOf(poll.stage));
    }
  });

  it('ends published with every stage done and the records read', () => {
    expect(final).toEqual({ stage: 'published', stagesDone: 9, stagesTotal: 9, partitionsDone: 0, partitionsTotal: 0, rows: 551 });
  });

  it('segflow status <run id> prints status, as-of date, stage, timings and row counts', async () => {
    const status = await runCli(['status', result.runId], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`run ${result.runId}\n`);
    expect(status.stdout).toMatch(/^ {2}workflow {2}segflow-run-2011-09-30-[0-9a-f]{8}$/m);
    expect(status.stdout).toMatch(/^ {2}status {4}published$/m);
    expect(status.stdout).toMatch(/^ {2}as of {5}2011-09-30$/m);
    expect(status.stdout).toMatch(/^ {2}stage {5}published$/m);
    expect(status.stdout).toMatch(/^ {2}finished {2}\d{4}-\d\d-\d\dT[\d:]+Z \(\d+\.\d s\)$/m);
    const timings = status.stdout.split('Stage timings:\n')[1]!.split('\n\n')[0]!.split('\n').slice(2).map((line) => line.split(/\s+/)[0]);
    expect(timings).toEqual(['extract', 'clean', 'features', 'clv', 'rfm', 'firmographic', 'kmeans', 'kpis']);
    expect(status.stdout).toMatch(/^linesRead +551$/m);
    expect(status.stdout).toMatch(/^rejectedByReason\.missing_customer +\d+$/m);
  }, 120_000);
});

describe('segflow status of what has no finished run', () => {
  it('shows a workflow that no worker has picked up as running', async () => {
    const workflowId = `segflow-run-2011-03-31-${randomBytes(4).toString('hex')}`;
    const handle = await stack.client.workflow.start('segmentationRun', {
      taskQueue: 'segflow-nobody-polls', workflowId, args: [{ asOf: '2011-03-31', source: 'online-retail', sourceFile: smallCsv }],
    });
    try {
      const status = await runCli(['status', workflowId], env);
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(new RegExp(`^workflow ${workflowId} \\(segmentationRun\\)\\n {2}status {4}running$`, 'm'));
    } finally {
      await handle.terminate('test over');
    }
  }, 120_000);

  it('says so for an id nobody knows, exiting 2', async () => {
    const status = await runCli(['status', 'segflow-run-1999-01-01-deadbeef'], env);
    expect(status.code).toBe(2);
    expect(status.stderr.trim()).toBe('segflow: no run or workflow has the id "segflow-run-1999-01-01-deadbeef" — give a run id or workflow id as `segflow runs` or `segflow run` print them');
  }, 120_000);
});

describe('segflow backfill', () => {
  it('--dry-run lists the dates, marks the published one as skipped and starts nothing', async () => {
    const [published] = await stack.database.db('segflow.published_runs').where({ as_of: '2011-09-30' }).select('run_id');
    const result = await runCli(['backfill', '--from', '2011-07-31', '--to', '2011-10-31', '--every', 'month', '--dry-run', '--file', smallCsv], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe([
      'dry run, nothing started: backfill online-retail from 2011-07-31 to 2011-10-31 every month, concurrency 2',
      '4 as-of dates: 3 to run, 1 to skip',
      '',
      'as of       plan',
      '----------  ' + '-'.repeat(`skip: published by run ${published.run_id} (--force reruns it)`.length),
      '2011-07-31  run',
      '2011-08-31  run',
      `2011-09-30  skip: published by run ${published.run_id} (--force reruns it)`,
      '2011-10-31  run',
      '',
    ].join('\n'));
    await expect(stack.client.workflow.getHandle('segflow-backfill-online-retail-2011-07-31-2011-10-31-month').describe()).rejects.toThrow(/not found/i);
  }, 120_000);

  it('--wait runs the dates, shows progress on stderr and prints the counts', async () => {
    const result = await runCli(['backfill', '--from', '2011-07-31', '--to', '2011-09-30', '--every', 'month', '--file', smallCsv, '--wait'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe([
      'backfill segflow-backfill-online-retail-2011-07-31-2011-09-30-month: 3 as-of dates, 2 published, 1 skipped, 0 failed',
      '  skipped (already published or running elsewhere): 2011-09-30',
      '',
    ].join('\n'));
    expect(result.stderr).toMatch(/^segflow: \d\/3 dates: \d published, \d skipped, 0 failed/m);
    const status = await runCli(['status', 'segflow-backfill-online-retail-2011-07-31-2011-09-30-month'], env);
    expect(status.stdout).toMatch(/^ {2}status {4}completed$/m);
    expect(status.stdout).toMatch(/^ {2}result {4}3 as-of dates: 2 published, 1 skipped, 0 failed$/m);
  }, 300_000);

  it('refuses --concurrency 0 with one line and exit 2', async () => {
    const result = await runCli(['backfill', '--from', '2011-01-31', '--to', '2011-12-31', '--every', 'month', '--concurrency', '0'], env);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('segflow: --concurrency "0" is not a whole number of at least 1 — give how many runs may be in flight at once, e.g. --concurrency 3');
  });
});

describe('segflow run --wait', () => {
  it('shows the stages as plain lines on stderr when it is not a terminal', async () => {
    const result = await runCli(['run', '--as-of', '2011-06-30', '--file', smallCsv, '--wait'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^segflow: stage [a-z]+ \(\d\/9 stages done\)/m);
  }, 300_000);
});
