import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallCsv, smallCsvGz } from '../support/paths.js';
import { activityRunner } from '../support/runActivities.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

// Expected figures come from an independent Python reading of the fixture (see test/fixtures/README.md).
const EXPECTED_REJECTS = {
  cancellation_not_negative: 1,
  malformed_row: 2,
  missing_customer: 9,
  non_positive_quantity: 1,
  unparsable_customer: 1,
  unparsable_date: 1,
  unparsable_price: 1,
  unparsable_quantity: 1,
};

let database: TestDatabase;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => { await database.drop(); });

async function countWhere(table: string, runId: string): Promise<number> {
  const [row] = await database.db(table).where({ run_id: runId }).count<{ count: number }[]>({ count: '*' });
  return Number(row!.count);
}

describe('extract and clean Online Retail lines', () => {
  it('lands every line and reconciles: read = accepted + rejected, with reasons', async () => {
    const runner = activityRunner(database.db);
    const runId = randomUUID();
    const extracted = await runner.call('extractSource', { runId, source: 'online-retail', sourceFile: smallCsv });
    expect(extracted.linesRead).toBe(551);
    const cleaned = await runner.call('cleanOrders', { runId });
    expect(cleaned.accepted).toBe(534);
    expect(cleaned.rejected).toBe(17);
    expect(cleaned.rejectedByReason).toEqual(EXPECTED_REJECTS);
    expect(cleaned.orders).toBe(32);
    expect(await countWhere('raw.online_retail_lines', runId)).toBe(
      (await countWhere('core.order_lines', runId)) + (await countWhere('raw.rejects', runId)),
    );
  });

  it('keeps cancellations as returns with negative revenue', async () => {
    const runner = activityRunner(database.db);
    const runId = randomUUID();
    await runner.call('extractSource', { runId, source: 'online-retail', sourceFile: smallCsv });
    await runner.call('cleanOrders', { runId });
    const returns = await database.db('core.orders').where({ run_id: runId, is_return: true }).select('order_id', 'customer_id', 'revenue');
    expect(returns.length).toBeGreaterThan(0);
    for (const order of returns) {
      expect(order.order_id).toMatch(/^C/);
      expect(Number(order.revenue)).toBeLessThan(0);
    }
    // Customer 12346 bought 74,215 units once and returned them all: net zero.
    const sum = await database.db('core.orders').where({ run_id: runId, customer_id: '12346' }).sum<{ total: string }[]>({ total: 'revenue' });
    expect(Number(sum[0]!.total)).toBe(0);
  });

  it('leaves statistics that count the orders it wrote, for the stages that read them next', async () => {
    const runner = activityRunner(database.db);
    const runId = randomUUID();
    await runner.call('extractSource', { runId, source: 'online-retail', sourceFile: smallCsv });
    await runner.call('cleanOrders', { runId });
    // A small table is sampled whole: the planner's row count is exact once analysed (-1 or stale otherwise).
    const [{ reltuples }] = (await database.db.raw("select reltuples from pg_class where oid = 'core.orders'::regclass")).rows;
    expect(reltuples).toBe(Number((await database.db('core.orders').count({ n: '*' }))[0]!.n));
  });

  it('records what was wrong with each rejected line', async () => {
    const runner = activityRunner(database.db);
    const runId = randomUUID();
    await runner.call('extractSource', { runId, source: 'online-retail', sourceFile: smallCsv });
    await runner.call('cleanOrders', { runId });
    const details = await database.db('raw.rejects').where({ run_id: runId }).whereNotNull('detail').orderBy('line_no').pluck('detail');
    expect(details).toEqual([
      'InvoiceDate: 2011-02-30 10:00:00',
      'Quantity: six',
      'UnitPrice: 1.8x5',
      'CustomerID: ABC',
      'fields: 6',
      'fields: 9',
    ]);
    const overflow = await database.db('raw.online_retail_lines').where({ run_id: runId, field_count: 9 }).first('overflow_fields');
    expect(JSON.parse(overflow.overflow_fields)).toEqual(['Iceland']);
  });

  it('writes the same rows once when an attempt is retried', async () => {
    const runner = activityRunner(database.db);
    const runId = randomUUID();
    for (let attempt = 0; attempt < 2; attempt++) {
      await runner.call('extractSource', { runId, source: 'online-retail', sourceFile: smallCsv });
      await runner.call('cleanOrders', { runId });
    }
    expect(await countWhere('raw.online_retail_lines', runId)).toBe(551);
    expect(await countWhere('core.order_lines', runId)).toBe(534);
    expect(await countWhere('raw.rejects', runId)).toBe(17);
    expect(await countWhere('core.orders', runId)).toBe(32);
  });

  it('reads a gzipped file to the same rows as the plain one', async () => {
    const runner = activityRunner(database.db);
    const plain = randomUUID();
    const gzipped = randomUUID();
    await runner.call('extractSource', { runId: plain, source: 'online-retail', sourceFile: smallCsv });
    await runner.call('extractSource', { runId: gzipped, source: 'online-retail', sourceFile: smallCsvGz });
    const columns = ['line_no', 'field_count', 'invoice_no', 'stock_code', 'description', 'quantity', 'invoice_date', 'unit_price', 'customer_id', 'country'];
    const a = await database.db('raw.online_retail_lines').where({ run_id: plain }).orderBy('line_no').select(columns);
    const b = await database.db('raw.online_retail_lines').where({ run_id: gzipped }).orderBy('line_no').select(columns);
    expect(b).toEqual(a);
  });
});

describe('bad source files fail the stage without retries and land nothing', () => {
  async function failureOf(sourceFile: string): Promise<ApplicationFailure> {
    const runner = activityRunner(database.db);
    const runId = randomUUID();
    const error = await runner.call('extractSource', { runId, source: 'online-retail', sourceFile }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(await countWhere('raw.online_retail_lines', runId)).toBe(0);
    return error as ApplicationFailure;
  }

  it('names a missing file', async () => {
    const failure = await failureOf('/nonexistent/online_retail.csv.gz');
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toMatch(/source file not found: \/nonexistent\/online_retail\.csv\.gz/);
  });

  it('names a file with the wrong header', async () => {
    const file = join(tmpdir(), `segflow-wrong-header-${randomUUID()}.csv`);
    await writeFile(file, 'Invoice,Price,Customer ID\n1,2,3\n');
    const failure = await failureOf(file);
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toMatch(/does not have the Online Retail header/);
  });

  it('names a corrupt gzip file', async () => {
    const file = join(tmpdir(), `segflow-corrupt-${randomUUID()}.csv.gz`);
    await writeFile(file, 'this is not gzip');
    const failure = await failureOf(file);
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toMatch(/is not a valid gzip file/);
  });

  it('names an unknown source', async () => {
    const runner = activityRunner(database.db);
    const error = (await runner.call('extractSource', { runId: randomUUID(), source: 'salesforce' }).catch((e: unknown) => e)) as ApplicationFailure;
    expect(error.nonRetryable).toBe(true);
    expect(error.message).toMatch(/unknown source "salesforce"/);
  });
});
