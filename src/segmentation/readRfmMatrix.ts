import type { Knex } from 'knex';
import { growFloat64Array } from '../db/growFloat64Array.js';
import type { FeatureMatrix } from './featureMatrix.js';

const PAGE_SIZE = 50_000;
export const KMEANS_FEATURES = ['log_monetary', 'log_frequency', 'log_recency'] as const;
export type KmeansFeature = (typeof KMEANS_FEATURES)[number];
/** The transformation before scaling, per feature, as recorded with the model. */
export const KMEANS_FEATURE_TRANSFORMS: Readonly<Record<KmeansFeature, string>> = {
  log_monetary: 'log1p(max(monetary, 0))',
  log_frequency: 'log1p(frequency)',
  log_recency: 'log1p(recency_days); no purchase → the largest recency_days of the run',
};

export interface RfmMatrix {
  customerIds: string[];
  matrix: FeatureMatrix;
  /** Original units per row: monetary, frequency, recency_days (NaN when no purchase). */
  original: Float64Array<ArrayBufferLike>;
}

/**
 * Reads a run's features page by page (keyset on customer_id) into typed arrays:
 * log1p(max(monetary, 0)), log1p(frequency), log1p(recency_days). Customers with no purchase
 * (returns only) get the largest recency seen, i.e. they count as the stalest.
 */
export async function readRfmMatrix(db: Knex, runId: string): Promise<RfmMatrix> {
  const customerIds: string[] = [];
  let original = new Float64Array(3 * 1024);
  let after = '';
  for (;;) {
    const page: Array<{ customer_id: string; recency_days: number | null; frequency: number; monetary: string }> = await db(
      'segflow.customer_features',
    )
      .select('customer_id', 'recency_days', 'frequency', 'monetary')
      .where('run_id', runId)
      .andWhere('customer_id', '>', after)
      .orderBy('customer_id')
      .limit(PAGE_SIZE);
    if (page.length === 0) break;
    original = growFloat64Array(original, 3 * (customerIds.length + page.length));
    for (const row of page) {
      const at = 3 * customerIds.length;
      original[at] = Number(row.monetary);
      original[at + 1] = row.frequency;
      original[at + 2] = row.recency_days ?? Number.NaN;
      customerIds.push(row.customer_id);
    }
    after = page[page.length - 1]!.customer_id;
  }
  const n = customerIds.length;
  let maxRecency = 0;
  for (let i = 0; i < n; i++) {
    const recency = original[3 * i + 2]!;
    if (!Number.isNaN(recency)) maxRecency = Math.max(maxRecency, recency);
  }
  const values = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const recency = original[3 * i + 2]!;
    values[3 * i] = Math.log1p(Math.max(original[3 * i]!, 0));
    values[3 * i + 1] = Math.log1p(original[3 * i + 1]!);
    values[3 * i + 2] = Math.log1p(Number.isNaN(recency) ? maxRecency : recency);
  }
  return { customerIds, matrix: { n, d: 3, values }, original: original.subarray(0, 3 * n) };
}
