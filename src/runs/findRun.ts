import type { Knex } from 'knex';

export interface RunRecord {
  runId: string;
  workflowId: string;
  asOf: string;
  source: string;
  status: 'running' | 'published' | 'failed';
  startedAt: Date;
  finishedAt: Date | null;
  failure: string | null;
  rowCounts: Record<string, number | Record<string, number>>;
  stageTimingsMs: Record<string, number>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A run by its run id, or the latest run of a workflow id. */
export async function findRun(db: Knex, id: string): Promise<RunRecord | undefined> {
  const query = db('segflow.runs')
    .select('run_id', 'workflow_id', 'as_of', 'source', 'status', 'started_at', 'finished_at', 'failure', 'row_counts', 'stage_timings_ms')
    .orderBy('started_at', 'desc')
    .first();
  const row = UUID.test(id) ? await query.where({ run_id: id }) : await query.where({ workflow_id: id });
  if (!row) return undefined;
  return {
    runId: row.run_id,
    workflowId: row.workflow_id,
    asOf: row.as_of,
    source: row.source,
    status: row.status,
    startedAt: new Date(row.started_at),
    finishedAt: row.finished_at ? new Date(row.finished_at) : null,
    failure: row.failure,
    rowCounts: row.row_counts ?? {},
    stageTimingsMs: row.stage_timings_ms ?? {},
  };
}
