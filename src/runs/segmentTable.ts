import * as aq from 'arquero';
import type { Knex } from 'knex';

export interface SegmentRow {
  scheme: string;
  segment: string;
  customers: number;
  customerShare: string;
  revenueShare: string;
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Segments of a run, largest value share first within each scheme, with shares as percentages. */
export async function segmentTable(db: Knex, runId: string): Promise<SegmentRow[]> {
  const rows = await db('segflow.segments')
    .select('scheme', 'segment_id', 'label', 'description', 'customers', 'monetary')
    .where({ run_id: runId })
    .andWhere('customers', '>', 0);
  const table = aq
    .from(rows.map((r) => ({ ...r, monetary: Number(r.monetary) })))
    .groupby('scheme')
    .derive({
      customer_share: (d: { customers: number }) => d.customers / aq.op.sum(d.customers),
      revenue_share: (d: { monetary: number }) => d.monetary / aq.op.sum(d.monetary),
    })
    .ungroup()
    .orderby('scheme', aq.desc('revenue_share'));
  return table.objects().map((r) => {
    const row = r as { scheme: string; label: string; description: string; customers: number; customer_share: number; revenue_share: number };
    return {
      scheme: row.scheme,
      segment: row.scheme === 'kmeans' ? `${row.label}: ${row.description}` : row.label,
      customers: row.customers,
      customerShare: percent(row.customer_share),
      revenueShare: percent(row.revenue_share),
    };
  });
}
