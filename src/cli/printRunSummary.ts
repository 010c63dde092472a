import type { Knex } from 'knex';
import type { SegmentationRunResult } from '../../workflows/segmentationRun.js';
import { segmentTable } from '../runs/segmentTable.js';
import { formatTable } from './formatTable.js';

export const OUTPUT_TABLES = [
  'segflow.current_segments      each customer\'s segment per scheme (latest published run)',
  'segflow.current_features      recency, frequency, monetary, AOV, tenure per customer',
  'segflow.segments              segment labels, rules, centroids, sizes and value shares per run',
  'segflow.published_kpi_snapshots  customers, revenue, AOV, revenue share per segment and quarter',
  'segflow.runs                  every run: as-of date, status, row counts, timings',
  'raw.rejects                   source lines that were not used, with a reason code',
];

/** The result of a run on stdout: counts, the segment table, where to look next. */
export async function printRunSummary(db: Knex, result: SegmentationRunResult, databaseUrl: string): Promise<void> {
  const counts = result.rowCounts as Record<string, number>;
  const out: string[] = [];
  out.push(`run ${result.runId} as of ${result.asOf}: published`);
  const byObject = result.rowCounts.extractedByObject;
  if (typeof byObject === 'object') {
    out.push(`  records read ${counts.linesRead}: landed ${counts.landed}, rejected ${counts.extractRejected} (raw.rejects, stage extract)`);
    out.push(`  order records cleaned: accepted ${counts.accepted}, rejected ${counts.rejected}; ${counts.orders} orders, ${counts.customers} customers`);
    out.push('', 'Extracted:', formatTable(['source/object', 'records read'], Object.entries(byObject).map(([name, n]) => [name, n])));
  } else {
    out.push(`  records read ${counts.linesRead}, accepted ${counts.accepted}, rejected ${counts.rejected}; ${counts.orders} orders, ${counts.customers} customers`);
  }
  const rows = await segmentTable(db, result.runId);
  for (const scheme of ['rfm', 'kmeans', 'firmographic']) {
    const schemeRows = rows.filter((r) => r.scheme === scheme);
    if (schemeRows.length === 0) continue;
    const title = scheme === 'rfm' ? 'RFM segments' : scheme === 'kmeans' ? `k-means segments (k = ${schemeRows.length})` : 'Firmographic tiers (B2B)';
    out.push('', `${title}:`);
    out.push(formatTable(
      ['segment', 'customers', 'share of customers', 'share of revenue'],
      schemeRows.map((r) => [r.segment, r.customers, r.customerShare, r.revenueShare]),
    ));
  }
  const safeUrl = new URL(databaseUrl);
  if (safeUrl.password) safeUrl.password = '***';
  out.push('', `Query the results in ${safeUrl.toString()}:`, ...OUTPUT_TABLES.map((t) => `  ${t}`));
  process.stdout.write(out.join('\n') + '\n');
}
