import type { BackfillTally } from '../../workflows/backfill.js';
import type { BackfillPlan } from '../runs/backfillPlan.js';
import type { PublishedAsOf } from '../runs/publishedAsOf.js';
import { formatTable } from './formatTable.js';

/** What a backfill would do, date by date, without starting anything. */
export function formatDryRun(plan: BackfillPlan, source: string, published: PublishedAsOf[], force: boolean): string {
  const publishedBy = new Map(published.map((p) => [p.asOf, p.runId]));
  const rows = plan.dates.map((asOf) => {
    const runId = publishedBy.get(asOf);
    if (!runId) return [asOf, 'run'];
    return [asOf, force ? `rerun: published by run ${runId}, --force runs it again` : `skip: published by run ${runId} (--force reruns it)`];
  });
  const skipped = force ? 0 : plan.dates.filter((d) => publishedBy.has(d)).length;
  return [
    `dry run, nothing started: backfill ${source} from ${plan.from} to ${plan.to} every ${plan.every}, concurrency ${plan.concurrency}`,
    `${plan.dates.length} as-of dates: ${plan.dates.length - skipped} to run, ${skipped} to skip`,
    '',
    formatTable(['as of', 'plan'], rows),
  ].join('\n');
}

export function formatBackfillSummary(workflowId: string, tally: BackfillTally): string {
  const lines = [`backfill ${workflowId}: ${tally.total} as-of dates, ${tally.done} published, ${tally.skipped} skipped, ${tally.failed} failed`];
  if (tally.skippedDates.length > 0) lines.push(`  skipped (already published or running elsewhere): ${tally.skippedDates.join(' ')}`);
  if (tally.failedDates.length > 0) lines.push(`  failed: ${tally.failedDates.join(' ')}`);
  for (const failure of tally.failures) lines.push(`    ${failure.asOf}: ${failure.message}`);
  return lines.join('\n');
}
