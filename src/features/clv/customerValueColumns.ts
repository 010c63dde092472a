import type { Knex } from 'knex';
import { copyLine } from '../../db/copyText.js';
import { copyLines } from '../../db/copyLines.js';
import { stageSql } from '../../db/stageSql.js';
import { withConnection } from '../../db/withConnection.js';
import type { CustomerValues } from './customerValue.js';

const finiteOrNull = (value: number, digits: number) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

/** COPY text lines of the customers' values, each led by the given columns. */
function* valueLines(leading: ReadonlyArray<string | number>, customerIds: readonly string[], values: CustomerValues): Generator<string> {
  for (let i = 0; i < customerIds.length; i++) {
    yield copyLine([
      ...leading,
      customerIds[i],
      finiteOrNull(values.pAlive[i]!, 6),
      finiteOrNull(values.expectedPurchases[i]!, 4),
      finiteOrNull(values.expectedAov[i]!, 2),
      finiteOrNull(values.clv[i]!, 2),
    ]);
  }
}

/** Empties the predictive CLV columns of the run's customers and its staged values; only rows an earlier attempt valued are written. */
export async function clearCustomerValues(trx: Knex.Transaction, runId: string): Promise<void> {
  await trx('core.clv_values').where({ run_id: runId }).delete();
  await trx('segflow.customer_features')
    .where({ run_id: runId })
    .andWhere((q) => q.whereNotNull('p_alive').orWhereNotNull('expected_purchases_365d').orWhereNotNull('expected_aov').orWhereNotNull('clv_predicted_365d'))
    .update({ p_alive: null, expected_purchases_365d: null, expected_aov: null, clv_predicted_365d: null });
}

/** Writes the predictive CLV columns of the given customers now: staged under their partition, then applied. */
export async function writeCustomerValues(
  trx: Knex.Transaction,
  runId: string,
  partition: number,
  customerIds: readonly string[],
  values: CustomerValues,
): Promise<void> {
  await stageCustomerValues(trx, runId, partition, customerIds, values);
  await applyStagedCustomerValues(trx, runId);
}

/** Stages one value partition's values in core.clv_values, replacing what an earlier attempt of it staged. */
export async function stageCustomerValues(
  trx: Knex.Transaction,
  runId: string,
  partition: number,
  customerIds: readonly string[],
  values: CustomerValues,
): Promise<void> {
  await trx('core.clv_values').where({ run_id: runId, partition_no: partition }).delete();
  await withConnection(trx, (connection) =>
    copyLines(
      connection,
      'copy core.clv_values (run_id, partition_no, customer_id, p_alive, expected_purchases_365d, expected_aov, clv_predicted_365d) from stdin',
      valueLines([runId, partition], customerIds, values),
    ),
  );
}

/**
 * Moves every staged value of the run into segflow.customer_features in one update and removes them; returns
 * the customers valued. A retry after the commit finds nothing staged and leaves the columns as they are.
 */
export async function applyStagedCustomerValues(trx: Knex.Transaction, runId: string): Promise<number> {
  const applied = await trx.raw<{ rowCount: number }>(stageSql('apply_staged_customer_clv'), { run_id: runId });
  await trx('core.clv_values').where({ run_id: runId }).delete();
  return applied.rowCount;
}
