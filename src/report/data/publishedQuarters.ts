import type { Knex } from 'knex';
import type { QuarterRun } from '../reportData.js';

/** Each quarter with a published run and the run that stands for it, oldest first. */
export async function publishedQuarters(db: Knex): Promise<QuarterRun[]> {
  const rows: Array<{ quarter: string; run_id: string; as_of: string; quarter_start: string; period_end: string; is_partial: boolean }> =
    await db('segflow.published_quarters')
      .select('quarter', 'run_id', 'as_of', 'quarter_start', 'period_end', 'is_partial')
      .orderBy('quarter_start');
  return rows.map((r) => ({
    quarter: r.quarter,
    runId: r.run_id,
    asOf: r.as_of,
    quarterStart: r.quarter_start,
    periodEnd: r.period_end,
    isPartial: r.is_partial,
  }));
}
