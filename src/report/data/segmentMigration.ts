import type { Knex } from 'knex';
import type { MigrationFlow } from '../reportData.js';
import { numberOrNull } from './readNumber.js';

/** Customers moving between segments from the compared quarter to this one, including new and lost customers. */
export async function segmentMigration(db: Knex, schemes: readonly string[], fromQuarter: string, toQuarter: string): Promise<MigrationFlow[]> {
  const rows: Array<Record<string, unknown>> = await db('segflow.segment_migration')
    .select('scheme', 'from_segment_id', 'from_label', 'to_segment_id', 'to_label', 'customers', 'revenue', 'previous_revenue')
    .whereIn('scheme', schemes)
    .andWhere({ from_quarter: fromQuarter, to_quarter: toQuarter })
    .orderBy([{ column: 'scheme' }, { column: 'from_segment_id', nulls: 'first' }, { column: 'to_segment_id', nulls: 'last' }]);
  return rows.map((r) => ({
    scheme: String(r.scheme),
    fromSegmentId: numberOrNull(r.from_segment_id),
    fromLabel: r.from_label === null ? null : String(r.from_label),
    toSegmentId: numberOrNull(r.to_segment_id),
    toLabel: r.to_label === null ? null : String(r.to_label),
    customers: Number(r.customers),
    revenue: numberOrNull(r.revenue),
    previousRevenue: numberOrNull(r.previous_revenue),
  }));
}
