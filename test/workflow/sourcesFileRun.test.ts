import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { locateTemporalCli } from '../../src/infra/temporalCli.js';
import { projectRoot } from '../../src/paths.js';
import { startSegmentationRun } from '../../src/runs/startSegmentationRun.js';
import type { SegmentationRunResult } from '../../workflows/segmentationRun.js';
import { openTestStack, type TestStack } from '../support/testStack.js';

// CDNOW sample: 6,919 purchases by 2,357 customers, $244,091.94, first purchases in Q1 1997.
const AS_OF = '1998-06-30';
let stack: TestStack;
let dir: string;
let sourcesFile: string;

async function runToCompletion(fullRefresh = false, recordHistoryAs?: string): Promise<SegmentationRunResult> {
  const started = await startSegmentationRun(stack.client, stack.config, { asOf: AS_OF, source: 'sources-file', sourcesFile, fullRefresh });
  const worker = await stack.startWorker();
  try {
    const result = await worker.worker.runUntil(started.handle.result() as Promise<SegmentationRunResult>);
    if (recordHistoryAs) {
      const cli = await locateTemporalCli(stack.config, () => undefined);
      const json = execFileSync(cli, ['workflow', 'show', '--workflow-id', started.workflowId, '--address', inject('temporalAddress'), '--output', 'json']);
      await writeFile(join(projectRoot, 'test', 'replay', 'histories', recordHistoryAs), json);
    }
    return result;
  } finally {
    await worker.close();
  }
}

beforeAll(async () => {
  stack = await openTestStack();
  dir = await mkdtemp(join(tmpdir(), 'segflow-sources-run-'));
  sourcesFile = join(dir, 'segflow.sources.yaml');
  await writeFile(sourcesFile, `sources:\n  - name: cdnow\n    type: cdnow\n    path: ${join(loadConfig().dataDir, 'cdnow')}\n    file: sample\n`);
});

afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a run over a sources file (CDNOW sample through the landing contract)', () => {
  let first: SegmentationRunResult;

  beforeAll(async () => {
    // Re-record the replay history after an intended workflow change: SEGFLOW_RECORD_HISTORY=1.
    first = await runToCompletion(false, process.env.SEGFLOW_RECORD_HISTORY === '1' ? 'segmentationRunSources.json' : undefined);
  }, 300_000);

  it('extracts, cleans and segments every purchase of the sample', async () => {
    expect(first.rowCounts).toMatchObject({
      linesRead: 6919, extractedByObject: { 'cdnow/CDNOW_sample': 6919 }, accepted: 6919, rejected: 0, orders: 6919, customers: 2357,
    });
    const { db } = stack.database;
    const totals = await db('segflow.customer_features').where({ run_id: first.runId })
      .first(db.raw('sum(monetary) as monetary'), db.raw('sum(frequency) as frequency'));
    expect(Number(totals.monetary)).toBeCloseTo(244_091.94, 2);
    const run = await db('segflow.runs').where({ run_id: first.runId }).first('status', 'source', 'parameters');
    expect(run).toMatchObject({ status: 'published', source: 'sources-file', parameters: { sourcesFile, fullRefresh: false } });
  });

  it('a second run reads nothing new from the unchanged file yet segments the same customers', async () => {
    const second = await runToCompletion();
    expect(second.rowCounts).toMatchObject({ linesRead: 0, accepted: 6919, orders: 6919, customers: 2357 });
    const refreshed = await runToCompletion(true);
    expect(refreshed.rowCounts).toMatchObject({ linesRead: 6919, accepted: 6919, customers: 2357 });
  }, 300_000);
});
