import type { Knex } from 'knex';
import { stageSql } from '../db/stageSql.js';
import { stabilityOfTransitions, type SegmentStability } from './segmentStability.js';

/**
 * Stability of one scheme against the previous run, counted by the database: only the (before, now)
 * contingency table reaches memory, so it costs the same at 10k and 10M customers. Reads this run's
 * assignments as the connection sees them (call it inside the transaction that wrote them).
 */
export async function readSegmentStability(db: Knex, runId: string, previousRunId: string, scheme: string): Promise<SegmentStability> {
  const result = await db.raw<{ rows: Array<{ segment_before: number; segment_now: number; customers: string }> }>(stageSql('segment_transitions'), {
    run_id: runId,
    previous_run_id: previousRunId,
    scheme,
  });
  return stabilityOfTransitions(
    previousRunId,
    result.rows.map((row) => ({ truth: row.segment_before, predicted: row.segment_now, count: Number(row.customers) })),
  );
}
