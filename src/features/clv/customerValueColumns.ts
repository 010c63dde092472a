import type { Knex } from 'knex';
import { copyLine } from '../../db/copyText.js';
import { copyLines } from '../../db/copyLines.js';
import { stageSql } from '../../db/stageSql.js';
import { withConnection } from '../../db/withConnection.js';
import type { CustomerValues } from './customerValue.js';

const finiteOrNull = (value: number, digits: number) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

/** Empties the predictive CLV columns of the run's customers; only rows an earlier attempt valued are written. */
export async function clearCustomerValues(trx: Knex.Transaction, runId: string): Promise<void> {
  await trx('segflow.customer_features')
    .where({ run_id: runId })
    .andWhere((q) => q.whereNotNull('p_alive').orWhereNotNull('expected_purchases_365d').orWhereNotNull('expected_aov').orWhereNotNull('clv_predicted_365d'))
    .update({ p_alive: null, expected_purchases_365d: null, expected_aov: null, clv_predicted_365d: null });
}

/** Writes the predictive CLV columns of the given customers: COPY into a temporary table, then one update. */
export async function writeCustomerValues(trx: Knex.Transaction, runId: string, customerIds: readonly string[], values: CustomerValues): Promise<void> {
  await trx.raw(stageSql('customer_clv_table'));
  await withConnection(trx, (connection) =>
    copyLines(connection, 'copy customer_clv from stdin', (function* () {
      for (let i = 0; i < customerIds.length; i++) {
        yield copyLine([
          customerIds[i],
          finiteOrNull(values.pAlive[i]!, 6),
          finiteOrNull(values.expectedPurchases[i]!, 4),
          finiteOrNull(values.expectedAov[i]!, 2),
          finiteOrNull(values.clv[i]!, 2),
        ]);
      }
    })()),
  );
  await trx.raw(stageSql('apply_customer_clv'), { run_id: runId });
}
