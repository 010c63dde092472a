import type { Knex } from 'knex';
import { stageSql } from '../db/stageSql.js';
import { SEGMENT_SUGGESTION_RULES, segmentSuggestionBindings, type SegmentSuggestionRules } from './segmentSuggestionRules.js';

/**
 * Replaces the run's merge and split suggestions (segflow.segment_suggestions); returns how many
 * were written. Call it inside the KPI stage's transaction, after the segments exist.
 */
export async function writeSegmentSuggestions(
  trx: Knex.Transaction,
  runId: string,
  rules: SegmentSuggestionRules = SEGMENT_SUGGESTION_RULES,
): Promise<number> {
  const bindings = segmentSuggestionBindings(runId, rules);
  await trx('segflow.segment_suggestions').where({ run_id: runId }).delete();
  const inserted = await trx.raw<{ rowCount: number }>(stageSql('segment_suggestions'), bindings);
  return inserted.rowCount;
}
