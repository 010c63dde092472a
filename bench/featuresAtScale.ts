/**
 * Features and CLV for a large synthetic population, to show they run in bounded memory.
 *   npx tsx bench/featuresAtScale.ts [--customers 1000000] [--orders-per-customer 10]
 * Orders and lines are generated inside PostgreSQL (generate_series), then the real computeFeatures
 * and fitClv activities run on them. Prints each stage's seconds and this process's peak RSS.
 * Uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/segflow_bench_features).
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../activities/index.js';
import { createKnex } from '../src/db/createKnex.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { ensureDatabase } from '../src/infra/ensureDatabase.js';

const { values } = parseArgs({
  options: { customers: { type: 'string', default: '1000000' }, 'orders-per-customer': { type: 'string', default: '10' } },
});
const customers = Number(values.customers);
const perCustomer = Number(values['orders-per-customer']);
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/segflow_bench_features';
const say = (line: string) => process.stdout.write(`${line}\n`);
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const AS_OF = '2011-12-31';

await ensureDatabase(url);
const db = createKnex(url, 4);
try {
  await migrateToLatest(db);
  const runId = randomUUID();
  await db('segflow.runs').insert({ run_id: runId, workflow_id: 'bench', as_of: AS_OF, source: 'bench', status: 'running', code_version: 'bench' });
  let started = performance.now();
  // Each customer's orders spread over two years, some returns, values from a skewed distribution; all deterministic.
  await db.raw(
    `insert into core.orders (run_id, order_id, customer_id, ordered_at, order_date, country, is_return, line_count, units, revenue)
     select cast(? as uuid), 'O' || n, 'C' || (n % ?), ts, cast(ts as date), 'GB', n % 23 = 0, 1, 1 + n % 5,
       case when n % 23 = 0 then -1 else 1 end * round(cast(5 + (hashint4(n) & 1023) * (1 + (n % 7)) / 10.0 as numeric), 2)
     from generate_series(1, ?) as n,
       lateral (select timestamp '2010-01-01' + (hashint4(n * 31) & 1048575) * interval '1 minute' as ts) as t`,
    [runId, customers, customers * perCustomer],
  );
  await db.raw(
    `insert into core.order_lines (run_id, line_no, order_id, customer_id, ordered_at, order_date, stock_code, description, quantity, unit_price, line_revenue, is_return, country)
     select run_id, cast(row_number() over () as integer), order_id, customer_id, ordered_at, order_date, 'SKU' || (abs(hashtext(order_id)) % 500), null,
       case when is_return then -units else units end, abs(revenue) / units, revenue, is_return, country
     from core.orders where run_id = ?`,
    [runId],
  );
  await db.raw('analyze core.orders; analyze core.order_lines');
  say(`generated ${customers * perCustomer} orders and lines for ${customers} customers in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const activities = createActivities({ db, dataDir: '.', kmeansSeed: 42, codeVersion: 'bench', sourceEnv: {}, piiKey: undefined });
  const run = async <T>(fn: (input: { runId: string; asOf: string }) => Promise<T>): Promise<T> =>
    (await new MockActivityEnvironment().run(fn, { runId, asOf: AS_OF })) as T;
  started = performance.now();
  const features = await run(activities.computeFeatures);
  say(`computeFeatures: ${features.customers} customers in ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${peakRssMb()} MiB`);
  started = performance.now();
  const clv = await run(activities.fitClv);
  say(`fitClv: ${JSON.stringify({ customersValued: clv.customersValued })} in ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${peakRssMb()} MiB`);
  for (const table of ['segflow.customer_features', 'segflow.clv_models', 'core.order_lines', 'core.orders']) await db(table).where({ run_id: runId }).delete();
  await db('segflow.runs').where({ run_id: runId }).delete();
} finally {
  await db.destroy();
}
