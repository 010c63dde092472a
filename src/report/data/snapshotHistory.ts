import type { Knex } from 'knex';
import type { KpiDefinition, SnapshotRow } from '../reportData.js';
import { numberOrNull } from './readNumber.js';

/** Published snapshots of the given schemes for every quarter from the first up to `lastQuarterStart`. */
export async function snapshotHistory(db: Knex, schemes: readonly string[], lastQuarterStart: string, definitions: readonly KpiDefinition[]): Promise<SnapshotRow[]> {
  const rows: Array<Record<string, unknown>> = await db('segflow.published_kpi_snapshots')
    .select('*')
    .whereIn('scheme', schemes)
    .andWhere('quarter_start', '<=', lastQuarterStart)
    .orderBy([{ column: 'quarter_start' }, { column: 'scheme' }, { column: 'segment_id' }]);
  return rows.map((r) => ({
    quarter: String(r.quarter),
    isPartial: Boolean(r.is_partial),
    scheme: String(r.scheme),
    segmentId: Number(r.segment_id),
    segmentLabel: String(r.segment_label),
    values: Object.fromEntries(definitions.map((d) => [d.kpi, numberOrNull(r[d.kpi])])),
    nullReasons: (r.null_reasons ?? {}) as Record<string, string>,
  }));
}
