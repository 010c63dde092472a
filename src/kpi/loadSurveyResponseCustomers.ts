import type { Knex } from 'knex';
import { requirePiiKey } from '../config.js';
import { stageSql } from '../db/stageSql.js';
import { loadSupportResponseEmails } from '../features/engagement/loadSupportResponseEmails.js';
import { createPseudonymiser } from '../identity/pseudonymise.js';

/**
 * Fills the transaction's temporary survey_response_customers: which customer each landed support
 * response belongs to, through its pseudonymised email. Only runs that resolved identities have
 * customers an email can reach; for any other run the table stays empty.
 */
export async function loadSurveyResponseCustomers(
  trx: Knex.Transaction,
  runId: string,
  sources: readonly string[],
  piiKey: string | undefined,
): Promise<void> {
  await trx.raw(`create temporary table survey_response_customers (
    source text not null, source_object text not null, source_id text not null, customer_key text not null
  ) on commit drop`);
  const resolved = await trx('core.identity_runs').where({ run_id: runId }).first('run_id');
  if (!resolved) return;
  await loadSupportResponseEmails(trx, sources, createPseudonymiser(requirePiiKey(piiKey)));
  await trx.raw(stageSql('kpi_survey_customers'), { run_id: runId });
}
