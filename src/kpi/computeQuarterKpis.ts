import type { Knex } from 'knex';
import { quarterEndingAt } from '../asOfDate.js';
import { stageSql } from '../db/stageSql.js';
import { createMarketingContacts } from '../features/engagement/createMarketingContacts.js';
import { loadSurveyResponseCustomers } from './loadSurveyResponseCustomers.js';

export interface QuarterKpisSummary {
  quarter: string;
  /** kpi_snapshots rows: one per segment of every scheme, plus the all-customers row. */
  rows: number;
  campaigns: number;
}

/**
 * Rewrites the run's KPI snapshot and campaign rows for the quarter ending at `asOf`, inside the
 * caller's transaction: orders and retention first (they insert the rows), then the pipeline,
 * spend and survey columns, each from its own inputs.
 */
export async function computeQuarterKpis(trx: Knex.Transaction, runId: string, asOf: string, piiKey: string | undefined): Promise<QuarterKpisSummary> {
  const quarter = quarterEndingAt(asOf);
  await trx('segflow.kpi_snapshots').where({ run_id: runId }).delete();
  await trx('segflow.campaign_kpis').where({ run_id: runId }).delete();
  // Landed pipeline, marketing and survey records count when they come from a source the run extracted.
  const sources = (await trx('raw.extract_checkpoints').where({ run_id: runId }).distinct('source').orderBy('source').pluck('source')) as string[];
  const bindings = {
    run_id: runId,
    as_of: asOf,
    quarter: quarter.label,
    quarter_start: quarter.start,
    period_end: quarter.periodEnd,
    is_partial: quarter.isPartial,
    sources: JSON.stringify(sources),
  };
  const inserted = await trx.raw<{ rowCount: number }>(stageSql('kpi_snapshot'), bindings);
  await trx.raw(stageSql('kpi_pipeline'), bindings);
  await trx.raw(stageSql('kpi_period_spend'), bindings);
  await createMarketingContacts(trx, runId);
  await trx.raw(stageSql('kpi_period_campaign_events'), bindings);
  await trx.raw('analyze period_campaign_events');
  await trx.raw(stageSql('kpi_marketing_spend'), bindings);
  const campaigns = await trx.raw<{ rowCount: number }>(stageSql('campaign_kpis'), bindings);
  await loadSurveyResponseCustomers(trx, runId, sources, piiKey);
  await trx.raw(stageSql('kpi_surveys'), bindings);
  return { quarter: quarter.label, rows: inserted.rowCount, campaigns: campaigns.rowCount };
}
