import type { Knex } from 'knex';

/** A run's outputs without its run id, in a stable order, for comparing two runs. */
export async function runOutputs(db: Knex, runId: string) {
  const assignments = await db('segflow.customer_segments')
    .where({ run_id: runId })
    .orderBy(['scheme', 'customer_id'])
    .select('scheme', 'customer_id', 'segment_id', 'score_cell');
  const features = await db('segflow.customer_features')
    .where({ run_id: runId })
    .orderBy('customer_id')
    .select('customer_id', 'recency_days', 'frequency', 'monetary', 'aov', 'tenure_days', 'p_alive', 'clv_predicted_365d');
  const segments = await db('segflow.segments')
    .where({ run_id: runId })
    .orderBy(['scheme', 'segment_id'])
    .select('scheme', 'segment_id', 'label', 'description', 'customers', 'monetary', 'centroid');
  const kpis = await db('segflow.kpi_snapshots')
    .where({ run_id: runId })
    .orderBy(['scheme', 'segment_id'])
    .select('quarter', 'scheme', 'segment_id', 'segment_label', 'customers', 'active_customers', 'orders', 'revenue', 'aov', 'revenue_share');
  const rawLines = await db('raw.online_retail_lines').where({ run_id: runId }).count<{ n: number }[]>({ n: '*' });
  const orderLines = await db('core.order_lines').where({ run_id: runId }).count<{ n: number }[]>({ n: '*' });
  const rejects = await db('raw.rejects').where({ run_id: runId }).count<{ n: number }[]>({ n: '*' });
  return {
    assignments,
    features,
    segments,
    kpis,
    counts: { rawLines: Number(rawLines[0]!.n), orderLines: Number(orderLines[0]!.n), rejects: Number(rejects[0]!.n) },
  };
}
