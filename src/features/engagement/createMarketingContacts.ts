import type { Knex } from 'knex';
import { stageSql } from '../../db/stageSql.js';

/**
 * The run's unambiguous marketing contacts as the temporary table marketing_contacts, with
 * statistics: the email features and the campaign KPIs join marketing events to it.
 */
export async function createMarketingContacts(trx: Knex.Transaction, runId: string): Promise<void> {
  await trx.raw(stageSql('marketing_contacts'), { run_id: runId });
  await trx.raw('analyze marketing_contacts');
}
