import type { Knex } from 'knex';
import { stageSql } from '../../db/stageSql.js';
import { personaCard, type FeatureProfile } from './personaCard.js';

/**
 * Builds and stores the persona card of every segment of a scheme in a run, after segment_summary
 * wrote the segment rows. `actionOf` gives the suggested action per segment id.
 */
export async function writePersonas(
  trx: Knex.Transaction,
  { runId, scheme, previousRunId, actionOf }: { runId: string; scheme: string; previousRunId: string | undefined; actionOf: (segmentId: number, label: string) => string },
): Promise<void> {
  const segments: Array<{ segment_id: number; label: string; customers: number; customer_share: string; monetary_share: string | null }> = await trx(
    'segflow.segments',
  )
    .where({ run_id: runId, scheme })
    .orderBy('segment_id')
    .select('segment_id', 'label', 'customers', 'customer_share', 'monetary_share');
  const profiles = await trx.raw<{ rows: Array<{ segment_id: number; feature: string; segment_mean: number | null; population_mean: number | null; z: number | null }> }>(
    stageSql('segment_profiles'),
    { run_id: runId, scheme },
  );
  const previousSizes = new Map<number, number>();
  if (previousRunId) {
    const rows: Array<{ segment_id: number; customers: number }> = await trx('segflow.segments').where({ run_id: previousRunId, scheme }).select('segment_id', 'customers');
    for (const row of rows) previousSizes.set(row.segment_id, row.customers);
  }
  const cards = segments.map((segment) => {
    const profile: FeatureProfile[] = profiles.rows
      .filter((p) => p.segment_id === segment.segment_id)
      .map((p) => ({ feature: p.feature, segmentMean: p.segment_mean, populationMean: p.population_mean, z: p.z }));
    const persona = personaCard({
      label: segment.label,
      customers: segment.customers,
      customerShare: Number(segment.customer_share),
      valueShare: segment.monetary_share === null ? null : Number(segment.monetary_share),
      profile,
      previousRunId,
      previousCustomers: previousRunId ? (previousSizes.get(segment.segment_id) ?? null) : undefined,
      action: actionOf(segment.segment_id, segment.label),
    });
    return { segment_id: segment.segment_id, persona };
  });
  await trx.raw(stageSql('segment_personas'), { run_id: runId, scheme, cards: JSON.stringify(cards) });
}
