import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { locateTemporalCli } from '../../src/infra/temporalCli.js';
import { projectRoot } from '../../src/paths.js';
import { startSegmentationRun } from '../../src/runs/startSegmentationRun.js';
import type { SegmentationRunResult } from '../../workflows/segmentationRun.js';
import { largestActivityPayloads } from '../support/payloadSizes.js';
import { onlineRetailFile, smallCsv } from '../support/paths.js';
import { runOutputs } from '../support/runOutputs.js';
import { openTestStack, type TestStack } from '../support/testStack.js';

const AS_OF = '2011-09-30';
let stack: TestStack;

async function runToCompletion(asOf: string, sourceFile?: string) {
  const started = await startSegmentationRun(stack.client, stack.config, { asOf, source: 'online-retail', sourceFile });
  const worker = await stack.startWorker();
  try {
    const result = await worker.worker.runUntil(started.handle.result() as Promise<SegmentationRunResult>);
    return { started, result };
  } finally {
    await worker.close();
  }
}

beforeAll(async () => { stack = await openTestStack(); });
afterAll(async () => { await stack.close(); });

describe('segmentationRun on the full Online Retail data', () => {
  let first: Awaited<ReturnType<typeof runToCompletion>>;
  let firstOutputs: Awaited<ReturnType<typeof runOutputs>>;

  beforeAll(async () => {
    first = await runToCompletion(AS_OF, onlineRetailFile);
    firstOutputs = await runOutputs(stack.database.db, first.result.runId);
  }, 300_000);

  it('lands every line and reconciles raw = accepted + rejected', () => {
    const counts = first.result.rowCounts as Record<string, number>;
    expect(counts.linesRead).toBe(541_909);
    expect(firstOutputs.counts.rawLines).toBe(541_909);
    expect(counts.accepted! + counts.rejected!).toBe(541_909);
    expect(firstOutputs.counts.orderLines + firstOutputs.counts.rejects).toBe(541_909);
    // 135,080 lines have no CustomerID (README of the data set); two of them are the bad-debt adjustments.
    expect((counts.rejectedByReason as unknown as Record<string, number>).missing_customer).toBe(135_080);
  });

  it('gives each customer exactly one segment per scheme', async () => {
    const customers = firstOutputs.features.length;
    expect(customers).toBeGreaterThan(3_000);
    for (const scheme of ['rfm', 'kmeans']) {
      const ids = firstOutputs.assignments.filter((a) => a.scheme === scheme).map((a) => a.customer_id);
      expect(ids).toHaveLength(customers);
      expect(new Set(ids).size).toBe(customers);
    }
  });

  it('has KPI revenue equal to the orders table revenue for the quarter', async () => {
    const [orders] = await stack.database.db('core.orders')
      .where({ run_id: first.result.runId })
      .whereBetween('order_date', ['2011-07-01', AS_OF])
      .sum<{ revenue: string }[]>({ revenue: 'revenue' });
    for (const scheme of ['rfm', 'kmeans']) {
      const total = firstOutputs.kpis.filter((k) => k.scheme === scheme).reduce((sum, k) => sum + Number(k.revenue), 0);
      expect(total).toBeCloseTo(Number(orders!.revenue), 2);
    }
  });

  it('fits BG/NBD and Gamma-Gamma and values every customer with a purchase', async () => {
    const { model } = await stack.database.db('segflow.clv_models').where({ run_id: first.result.runId }).first('model');
    expect(model.fitted).toBe(true);
    expect(model.bgnbd.converged).toBe(true);
    expect(model.holdout.byRepeatPurchases.length).toBeGreaterThan(3);
    const [stats] = await stack.database.db('segflow.customer_features')
      .where({ run_id: first.result.runId })
      .whereNotNull('first_purchase_date')
      .select(
        stack.database.db.raw('count(*) as customers'),
        stack.database.db.raw('count(p_alive) as valued'),
        stack.database.db.raw('min(p_alive) as min_p, max(p_alive) as max_p, min(clv_predicted_365d) as min_clv'),
      );
    expect(Number(stats.valued)).toBe(Number(stats.customers));
    expect(Number(stats.min_p)).toBeGreaterThanOrEqual(0);
    expect(Number(stats.max_p)).toBeLessThanOrEqual(1);
    expect(Number(stats.min_clv)).toBeGreaterThanOrEqual(0);
  });

  it('publishes the run', async () => {
    const run = await stack.database.db('segflow.runs').where({ run_id: first.result.runId }).first('status', 'stage_timings_ms');
    expect(run.status).toBe('published');
    expect(Object.keys(run.stage_timings_ms).sort()).toEqual(['clean', 'clv', 'extract', 'features', 'firmographic', 'kmeans', 'kpis', 'rfm']);
  });

  it('passes only references through Temporal: every activity payload is under 64 KB', async () => {
    const sizes = await largestActivityPayloads(first.started.handle);
    // Eleven activities, one CLV value partition (Online Retail is far below SEGFLOW_PARTITION_CUSTOMERS) and the update of its values.
    expect(sizes.activities).toBe(13);
    expect(sizes.input).toBeLessThan(64 * 1024);
    expect(sizes.result).toBeLessThan(64 * 1024);
  });

  it('gives identical outputs when the same as-of date runs again', async () => {
    const second = await runToCompletion(AS_OF, onlineRetailFile);
    expect(second.result.runId).not.toBe(first.result.runId);
    const secondOutputs = await runOutputs(stack.database.db, second.result.runId);
    expect(secondOutputs).toEqual(firstOutputs);
  }, 300_000);
});

describe('segmentationRun with bad input', () => {
  it('fails with a clear message for a missing file and publishes nothing', async () => {
    const missing = '/nonexistent/online_retail.csv.gz';
    const started = await startSegmentationRun(stack.client, stack.config, { asOf: AS_OF, source: 'online-retail', sourceFile: missing });
    const worker = await stack.startWorker();
    const error = await worker.worker.runUntil(started.handle.result()).catch((e: unknown) => e).finally(() => worker.close());
    expect(error).toBeInstanceOf(WorkflowFailedError);
    let root: Error = error as Error;
    while (root.cause instanceof Error) root = root.cause;
    expect(root.message).toMatch(/^segflow: source file not found: \/nonexistent\/online_retail\.csv\.gz — /);
    const run = await stack.database.db('segflow.runs').where({ run_id: started.runId }).first('status', 'failure');
    expect(run.status).toBe('failed');
    expect(run.failure).toMatch(/source file not found/);
    expect(await stack.database.db('segflow.published_runs').where({ run_id: started.runId })).toHaveLength(0);
  });
});

describe('replay history', () => {
  it.runIf(process.env.SEGFLOW_RECORD_HISTORY === '1')('records a history of a small run for the replay test', async () => {
    const { started } = await runToCompletion(AS_OF, smallCsv);
    const cli = await locateTemporalCli(stack.config, () => undefined);
    const json = execFileSync(cli, ['workflow', 'show', '--workflow-id', started.workflowId, '--address', inject('temporalAddress'), '--output', 'json']);
    await writeFile(join(projectRoot, 'test', 'replay', 'histories', 'segmentationRun.json'), json);
  });
});
