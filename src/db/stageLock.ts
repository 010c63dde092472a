import type { Knex } from 'knex';

/**
 * Serialises attempts of one stage of one run: a retry that starts while a stale attempt
 * still holds its transaction waits for it instead of interleaving writes.
 */
export async function lockStage(trx: Knex.Transaction, runId: string, stage: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`${runId}:${stage}`]);
}
