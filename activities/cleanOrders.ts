import type { Knex } from 'knex';
import { lockStage } from '../src/db/stageLock.js';
import { stageSql } from '../src/db/stageSql.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, CleanInput, CleanResult } from './types.js';

/**
 * raw → typed core order lines, orders and reason-coded rejects. Online Retail runs clean the
 * run's own file lines; sources-file runs clean the newest landed version of every order and line.
 */
export function makeCleanOrders({ db }: ActivityDeps) {
  return async function cleanOrders({ runId, sources }: CleanInput): Promise<CleanResult> {
    return runStage(() =>
      db.transaction(async (trx) => {
        await lockStage(trx, runId, 'clean');
        await trx('core.orders').where({ run_id: runId }).delete();
        await trx('core.order_lines').where({ run_id: runId }).delete();
        await trx('raw.rejects').where({ run_id: runId, stage: 'clean' }).delete();
        return sources ? cleanLandedOrders(trx, runId, sources) : cleanOnlineRetailLines(trx, runId);
      }),
    );
  };
}

async function cleanOnlineRetailLines(trx: Knex.Transaction, runId: string): Promise<Omit<CleanResult, 'elapsedMs'>> {
  // Classified once into a temporary table, then split: reading a CTE twice cost twice the time.
  await trx.raw(stageSql('classify_online_retail_lines'), { run_id: runId });
  await trx.raw(stageSql('accept_order_lines'));
  await trx.raw(stageSql('reject_lines'));
  const outcome = await trx.raw<{ rows: Array<{ outcome: string; lines: number }> }>(stageSql('classified_line_counts'));
  const orders = await trx.raw<{ rowCount: number }>(stageSql('build_orders'), { run_id: runId });
  await analyzeOrders(trx);
  return summarise(outcome.rows.map((row) => ({ outcome: row.outcome, count: row.lines })), orders.rowCount);
}

async function cleanLandedOrders(trx: Knex.Transaction, runId: string, sources: string[]): Promise<Omit<CleanResult, 'elapsedMs'>> {
  const bindings = { run_id: runId, sources: JSON.stringify(sources) };
  await trx.raw(stageSql('classify_landed_orders'), bindings);
  // Autovacuum never sees a temporary table or this transaction's rows: without statistics the planner takes
  // millions of rows for a few hundred and picks joins and aggregates that spill or loop.
  await trx.raw('analyze classified_orders');
  await trx.raw(stageSql('classify_landed_order_lines'), bindings);
  await trx.raw('analyze classified_landed_lines');
  await trx.raw(stageSql('accept_landed_order_lines'), bindings);
  await trx.raw('analyze core.order_lines');
  await trx.raw(stageSql('reject_landed_records'), bindings);
  const outcome = await trx.raw<{ rows: Array<{ outcome: string; records: number }> }>(stageSql('classified_landed_counts'));
  // Headers with their lines first, then orders only lines name: each insert comes in the key's order.
  const headerOrders = await trx.raw<{ rowCount: number }>(stageSql('build_landed_header_orders'), bindings);
  const lineOrders = await trx.raw<{ rowCount: number }>(stageSql('build_landed_line_orders'), bindings);
  await analyzeOrders(trx);
  return summarise(outcome.rows.map((row) => ({ outcome: row.outcome, count: row.records })), headerOrders.rowCount + lineOrders.rowCount);
}

/**
 * Every later stage reads the run's orders. Autovacuum may not analyse them for many minutes after a big run
 * commits (it had not, 20 minutes on, at 3M customers): the KPI snapshot was then planned for 98k orders instead of
 * 31M and nested-looped its customers against them. ANALYZE in this transaction samples the run's own rows.
 */
async function analyzeOrders(trx: Knex.Transaction): Promise<void> {
  await trx.raw('analyze core.orders');
}

function summarise(outcomes: Array<{ outcome: string; count: number }>, orders: number): Omit<CleanResult, 'elapsedMs'> {
  const rejectedByReason: Record<string, number> = {};
  let accepted = 0;
  for (const { outcome, count } of outcomes) {
    if (outcome === 'accepted') accepted = count;
    else rejectedByReason[outcome] = count;
  }
  const rejected = Object.values(rejectedByReason).reduce((sum, n) => sum + n, 0);
  return { accepted, rejected, rejectedByReason, orders };
}
