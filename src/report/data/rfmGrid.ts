import type { Knex } from 'knex';
import type { RfmGridCell } from '../reportData.js';
import { numberOrZero } from './readNumber.js';

/** Customers and their net revenue per recency × frequency score of a published run's RFM scores (score_cell = R, F, M digits). */
export async function rfmGrid(db: Knex, runId: string): Promise<RfmGridCell[]> {
  const rows: Array<{ r: number; f: number; customers: number; monetary: string | null }> = await db('segflow.customer_segments as cs')
    .join('segflow.published_runs as run', 'run.run_id', 'cs.run_id')
    .leftJoin('segflow.customer_features as cf', function joinFeatures() {
      this.on('cf.run_id', 'cs.run_id').andOn('cf.customer_id', 'cs.customer_id');
    })
    .select(
      db.raw('cast(substr(cs.score_cell, 1, 1) as integer) as r'),
      db.raw('cast(substr(cs.score_cell, 2, 1) as integer) as f'),
      db.raw('cast(count(*) as integer) as customers'),
      db.raw('sum(cf.monetary) as monetary'),
    )
    .where({ 'cs.run_id': runId, 'cs.scheme': 'rfm' })
    .andWhereRaw("cs.score_cell ~ '^[1-5][1-5][1-5]$'")
    .groupByRaw('1, 2')
    .orderByRaw('1, 2');
  return rows.map((row) => ({ recencyScore: row.r, frequencyScore: row.f, customers: row.customers, monetary: numberOrZero(row.monetary) }));
}
