import type { Knex } from 'knex';
import { requirePiiKey } from '../../config.js';
import { stageSql } from '../../db/stageSql.js';
import { createPseudonymiser } from '../../identity/pseudonymise.js';
import { createMarketingContacts } from './createMarketingContacts.js';
import { loadSupportResponseEmails, type SupportResponseEmails } from './loadSupportResponseEmails.js';

export interface EngagementFeaturesSummary {
  /** Sources whose web, marketing and support records were read: those the run extracted. */
  sources: string[];
  support: SupportResponseEmails;
}

/**
 * Adds web engagement, email response, support and firmographic columns to the run's feature rows
 * (already inserted in this transaction), as of `asOf`. Only runs that resolved identities have
 * customers these records can reach; for any other run nothing is done and the columns stay null.
 */
export async function computeEngagementFeatures(
  trx: Knex.Transaction,
  runId: string,
  asOf: string,
  piiKey: string | undefined,
): Promise<EngagementFeaturesSummary | null> {
  const resolved = await trx('core.identity_runs').where({ run_id: runId }).first('run_id');
  if (!resolved) return null;
  const sources = (await trx('raw.extract_checkpoints').where({ run_id: runId }).distinct('source').orderBy('source').pluck('source')) as string[];
  const bindings = { run_id: runId, as_of: asOf, sources: JSON.stringify(sources) };
  await trx.raw(stageSql('customer_web_features'), bindings);
  await createMarketingContacts(trx, runId);
  await trx.raw(stageSql('email_attributed_events'), bindings);
  await trx.raw('analyze email_attributed_events');
  await trx.raw(stageSql('customer_email_features'), bindings);
  const support = await loadSupportResponseEmails(trx, sources, createPseudonymiser(requirePiiKey(piiKey)));
  await trx.raw(stageSql('customer_support_features'), { run_id: runId, as_of: asOf });
  // Temporary tables have no statistics until analysed; the update joins them to every feature row.
  await trx.raw('analyze web_engagement, email_engagement, support_engagement');
  await trx.raw(stageSql('apply_engagement_features'), { run_id: runId });
  await trx.raw(stageSql('customer_firmographics'), { run_id: runId });
  await trx.raw(stageSql('customer_firmographic_bands'), { run_id: runId, as_of: asOf });
  return { sources, support };
}
