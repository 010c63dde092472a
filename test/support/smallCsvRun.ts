import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { smallCsv } from './paths.js';
import { activityRunner } from './runActivities.js';

/** Runs the small Online Retail fixture as of a date up to its customer features; returns the run id. */
export async function smallCsvFeatures(db: Knex, asOf: string): Promise<string> {
  const runner = activityRunner(db);
  const runId = randomUUID();
  const source = 'online-retail';
  await runner.call('startRun', { runId, workflowId: `small-${asOf}`, asOf, source, sourceFile: smallCsv });
  await runner.call('extractSource', { runId, source, sourceFile: smallCsv });
  await runner.call('cleanOrders', { runId });
  await runner.call('computeFeatures', { runId, asOf });
  return runId;
}

/** Runs every stage of the pipeline on the small Online Retail fixture as of a date, short of publishing; returns the run id. */
export async function computeSmallCsvRun(db: Knex, asOf: string): Promise<string> {
  const runner = activityRunner(db);
  const runId = await smallCsvFeatures(db, asOf);
  await runner.call('fitClv', { runId, asOf });
  await runner.call('scoreRfm', { runId });
  await runner.call('scoreFirmographicTiers', { runId });
  await runner.call('fitKmeans', { runId });
  await runner.call('computeKpis', { runId, asOf });
  return runId;
}

/** Makes a computed run visible to readers, as the last activity of a workflow does. */
export async function publishSmallCsvRun(db: Knex, runId: string): Promise<void> {
  await activityRunner(db).call('publishRun', { runId, rowCounts: {}, stageTimingsMs: {} });
}
