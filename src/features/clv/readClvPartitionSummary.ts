import type { Knex } from 'knex';
import { stageSql } from '../../db/stageSql.js';
import type { CalibrationSummary } from './calibrationSummary.js';
import { SummaryBuilder } from './summaryBuilder.js';

const FETCH_ROWS = 50_000;

interface PartitionRow {
  customer_id: string;
  x: number;
  tx: string;
  t_age: string;
  zbar: string;
}

/** One hash partition's BG/NBD summary at the as-of date, in customer order, through a server-side cursor. */
export async function readClvPartitionSummary(db: Knex, runId: string, asOf: string, partition: number, partitions: number): Promise<CalibrationSummary> {
  const summary = new SummaryBuilder();
  await db.transaction(async (trx) => {
    await trx.raw(`declare clv_partition no scroll cursor for ${stageSql('clv_partition_summary')}`, { run_id: runId, as_of: asOf, partition, partitions });
    for (;;) {
      const page = await trx.raw<{ rows: PartitionRow[] }>(`fetch ${FETCH_ROWS} from clv_partition`);
      if (page.rows.length === 0) break;
      for (const row of page.rows) summary.add(row.customer_id, row.x, Number(row.tx), Number(row.t_age), Number(row.zbar), 0);
    }
  });
  return summary.build();
}
