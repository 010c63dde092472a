import type { Knex } from 'knex';

export interface PublishedAsOf {
  asOf: string;
  /** The latest published run for that date. */
  runId: string;
}

/** As-of dates from `from` to `to` that already have a published run of `source`, ascending. */
export async function publishedAsOfBetween(db: Knex, source: string, from: string, to: string): Promise<PublishedAsOf[]> {
  const rows: Array<{ as_of: string; run_id: string }> = await db('segflow.published_runs')
    .distinctOn('as_of')
    .select('as_of', 'run_id')
    .where({ source })
    .whereBetween('as_of', [from, to])
    .orderBy([{ column: 'as_of' }, { column: 'published_at', order: 'desc' }, { column: 'run_id' }]);
  return rows.map((row) => ({ asOf: row.as_of, runId: row.run_id }));
}
