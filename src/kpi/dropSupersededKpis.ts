import type { Knex } from 'knex';

const QUARTER_TABLES = ['segflow.kpi_snapshots', 'segflow.campaign_kpis'] as const;

/**
 * Deletes the KPI rows of the other published runs of `runId`'s quarter that it supersedes: a
 * quarter shows the run with the latest as-of date, then the latest publish (the rule of
 * segflow.published_kpi_snapshots), so a published run of the same quarter with an as-of on or
 * before this run's is replaced. Call it in the transaction that publishes `runId`.
 */
export async function dropSupersededKpis(trx: Knex.Transaction, runId: string): Promise<number> {
  const quarters = trx('segflow.kpi_snapshots').where({ run_id: runId }).distinct('quarter');
  const superseded = trx('segflow.runs')
    .where({ status: 'published' })
    .whereNot({ run_id: runId })
    .where('as_of', '<=', trx('segflow.runs').where({ run_id: runId }).select('as_of'))
    .select('run_id');
  let deleted = 0;
  for (const table of QUARTER_TABLES) {
    deleted += await trx(table).whereIn('run_id', superseded).whereIn('quarter', quarters).delete();
  }
  return deleted;
}
