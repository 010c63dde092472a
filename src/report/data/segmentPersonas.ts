import type { Knex } from 'knex';
import type { PersonaTrait, SegmentPersona } from '../reportData.js';
import { numberOrNull } from './readNumber.js';

interface StoredPersona {
  summary?: string;
  action?: string;
  distinguishing?: PersonaTrait[];
}

/** The persona card of every segment of a published run. */
export async function segmentPersonas(db: Knex, runId: string, schemes: readonly string[]): Promise<SegmentPersona[]> {
  const rows: Array<Record<string, unknown>> = await db('segflow.segments as s')
    .join('segflow.published_runs as r', 'r.run_id', 's.run_id')
    .select('s.scheme', 's.segment_id', 's.label', 's.description', 's.customers', 's.customer_share', 's.monetary_share', 's.persona')
    .where('s.run_id', runId)
    .whereIn('s.scheme', schemes)
    .orderBy([{ column: 's.scheme' }, { column: 's.segment_id' }]);
  return rows.map((r) => {
    const persona = (r.persona ?? {}) as StoredPersona;
    return {
      scheme: String(r.scheme),
      segmentId: Number(r.segment_id),
      label: String(r.label),
      description: String(r.description),
      customers: Number(r.customers),
      customerShare: Number(r.customer_share),
      monetaryShare: numberOrNull(r.monetary_share),
      summary: persona.summary ?? null,
      action: persona.action ?? null,
      traits: persona.distinguishing ?? [],
    };
  });
}
