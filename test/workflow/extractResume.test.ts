import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSegmentationRun } from '../../src/runs/startSegmentationRun.js';
import type { SegmentationRunResult } from '../../workflows/segmentationRun.js';
import { spawnCli } from '../support/cliProcess.js';
import { openTestStack, type TestStack } from '../support/testStack.js';
import { TEST_PII_KEY } from '../support/testPiiKey.js';

const LINES = 300_000;
let stack: TestStack;
let dir: string;
const workers: ChildProcess[] = [];

function startWorkerProcess(): ChildProcess {
  const child = spawnCli(['worker'], {
    DATABASE_URL: stack.database.url,
    TEMPORAL_ADDRESS: stack.config.temporalAddress,
    SEGFLOW_TASK_QUEUE: stack.config.taskQueue,
    SEGFLOW_PII_KEY: TEST_PII_KEY,
  });
  child.stderr!.resume();
  child.stdout!.resume();
  workers.push(child);
  return child;
}

/** Order lines for 3,000 customers, one order per 3 lines, dated in 2025. */
async function writeOrderLines(file: string): Promise<void> {
  const rows = ['order_id,line,customer,ordered_at,sku,quantity,unit_price'];
  for (let i = 0; i < LINES; i += 1) {
    const order = Math.floor(i / 3);
    const day = String(1 + (order % 28)).padStart(2, '0');
    const month = String(1 + (order % 12)).padStart(2, '0');
    rows.push(`O${order},${i % 3},C${order % 3000},2025-${month}-${day}T10:00:00Z,SKU${i % 50},${1 + (i % 4)},${(2.5 + (i % 7)).toFixed(2)}`);
  }
  await writeFile(file, rows.join('\n') + '\n');
}

beforeAll(async () => {
  stack = await openTestStack();
  dir = await mkdtemp(join(tmpdir(), 'segflow-resume-'));
  await writeOrderLines(join(dir, 'order_lines.csv'));
  await writeFile(join(dir, 'segflow.sources.yaml'), [
    'sources:',
    '  - name: shop',
    '    type: csv',
    '    path: order_lines.csv',
    '    entity: order_lines',
    '    idColumns: [order_id, line]',
    '    mapping:',
    '      order_source_id: order_id',
    '      customer_source_id: customer',
    '      ordered_at: ordered_at',
    '      sku: sku',
    '      quantity: quantity',
    '      unit_price: unit_price',
  ].join('\n') + '\n');
});

afterAll(async () => {
  for (const worker of workers) worker.kill('SIGKILL');
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

describe('an extract interrupted by a killed worker', () => {
  it('resumes from its last committed batch and lands every record exactly once', async () => {
    const run = await startSegmentationRun(stack.client, stack.config, {
      asOf: '2025-12-31', source: 'sources-file', sourcesFile: join(dir, 'segflow.sources.yaml'),
    });
    const doomed = startWorkerProcess();
    let readAtKill = 0;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && readAtKill === 0) {
      const pending = (await run.handle.describe()).raw.pendingActivities ?? [];
      const extract = pending.find((a) => a.activityType?.name === 'extractSourceObject');
      const payload = extract?.heartbeatDetails?.payloads?.[0]?.data;
      if (payload) readAtKill = (JSON.parse(Buffer.from(payload).toString()) as { recordsRead?: number }).recordsRead ?? 0;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(readAtKill).toBeGreaterThan(0);
    expect(readAtKill).toBeLessThan(LINES);
    doomed.kill('SIGKILL');
    await new Promise((resolve) => doomed.once('exit', resolve));

    startWorkerProcess();
    const result = (await run.handle.result()) as SegmentationRunResult;
    const history = (await run.handle.fetchHistory()).events ?? [];
    expect(history.some((e) => e.activityTaskStartedEventAttributes?.attempt === 2)).toBe(true);

    const { db } = stack.database;
    const landed = await db('raw.order_lines').where({ run_id: result.runId })
      .first(db.raw('count(*) as rows'), db.raw('count(distinct source_id) as ids'));
    expect(Number(landed.rows)).toBe(LINES);
    expect(Number(landed.ids)).toBe(LINES);
    const checkpoint = await db('raw.extract_checkpoints').where({ run_id: result.runId }).first();
    expect({ read: Number(checkpoint.records_read), landed: Number(checkpoint.rows_landed), done: checkpoint.done })
      .toEqual({ read: LINES, landed: LINES, done: true });
    expect(result.rowCounts).toMatchObject({ linesRead: LINES, accepted: LINES, rejected: 0, orders: LINES / 3, customers: 3000 });
  }, 300_000);
});
