import type { Knex } from 'knex';
import type { SegmentSuggestion } from '../reportData.js';
import { numberOrNull } from './readNumber.js';

/** Merge and split suggestions for the segments of one run; labels come from `labelOf` (scheme, segment id). */
export async function segmentSuggestions(
  db: Knex,
  runId: string,
  schemes: readonly string[],
  labelOf: (scheme: string, segmentId: number) => string | undefined,
): Promise<SegmentSuggestion[]> {
  const rows: Array<Record<string, unknown>> = await db('segflow.segment_suggestions')
    .select('scheme', 'segment_id', 'suggestion', 'with_segment_id', 'reason', 'measure')
    .where({ run_id: runId })
    .whereIn('scheme', schemes)
    .orderBy([{ column: 'scheme' }, { column: 'segment_id' }, { column: 'suggestion' }, { column: 'with_segment_id' }]);
  return rows.map((r) => {
    const scheme = String(r.scheme);
    const segmentId = Number(r.segment_id);
    const withSegmentId = numberOrNull(r.with_segment_id);
    return {
      scheme,
      segmentId,
      segmentLabel: labelOf(scheme, segmentId) ?? `segment ${segmentId}`,
      suggestion: r.suggestion as SegmentSuggestion['suggestion'],
      withSegmentId,
      withSegmentLabel: withSegmentId === null ? null : labelOf(scheme, withSegmentId) ?? `segment ${withSegmentId}`,
      reason: String(r.reason),
      measure: numberOrNull(r.measure),
    };
  });
}
