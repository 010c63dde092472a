import type { Knex } from 'knex';
import type { SourceConnector } from '../../src/sources/connector.js';
import { extractObject, type ObjectExtractSummary } from '../../src/sources/extractObject.js';
import { LANDING_ENTITIES } from '../../src/sources/landing/landingEntities.js';

/** Runs every object of a connector through the real extract driver (checkpoints, watermarks, COPY). */
export async function extractAllObjects(db: Knex, connector: SourceConnector, runId: string, fullRefresh = false): Promise<ObjectExtractSummary[]> {
  const summaries: ObjectExtractSummary[] = [];
  for (const object of connector.objects()) {
    summaries.push(await extractObject({ db, runId, connector, object, fullRefresh, signal: new AbortController().signal }));
  }
  return summaries;
}

/** Rows actually in raw.* and raw.rejects for a run and source, per source object. */
export async function landedCounts(db: Knex, runId: string, source: string): Promise<Record<string, { rows: number; rejects: number }>> {
  const counts: Record<string, { rows: number; rejects: number }> = {};
  const bump = (object: string, field: 'rows' | 'rejects', n: number) => {
    counts[object] ??= { rows: 0, rejects: 0 };
    counts[object][field] += n;
  };
  for (const spec of Object.values(LANDING_ENTITIES)) {
    const rows = await db(spec.table).where({ run_id: runId, source }).groupBy('source_object').select('source_object').count<{ source_object: string; count: string }[]>('* as count');
    for (const row of rows) bump(row.source_object, 'rows', Number(row.count));
  }
  const rejects = await db('raw.rejects').where({ run_id: runId, source, stage: 'extract' }).groupBy('source_object').select('source_object').count<{ source_object: string; count: string }[]>('* as count');
  for (const row of rejects) bump(row.source_object, 'rejects', Number(row.count));
  return counts;
}
