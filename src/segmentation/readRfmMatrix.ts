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
/** How the customers a model is fitted on are picked when the run has more than the fit's limit. */
export const FIT_SAMPLE_ORDER = 'md5(customer_id), customer_id';

export interface RfmFeatureRow {
  customer_id: string;
  recency_days: number | null;
  frequency: number;
  monetary: string;
}

export interface RfmMatrix {
  /** Customers of the run (the matrix holds all of them, or a sample when there are more than asked for). */
  population: number;
  /** The largest recency_days of the run: what a customer without a purchase counts as. */
  maxRecency: number;
  customerIds: string[];
  matrix: FeatureMatrix;
  /** Original units per row: monetary, frequency, recency_days (NaN when no purchase). */
  original: Float64Array<ArrayBufferLike>;
}

/** One customer's three log features, written at `at` (the same mapping for the fit and for assigning). */
export function writeRfmFeatures(values: Float64Array, at: number, monetary: number, frequency: number, recency: number, maxRecency: number): void {
  values[at] = Math.log1p(Math.max(monetary, 0));
  values[at + 1] = Math.log1p(frequency);
  values[at + 2] = Math.log1p(Number.isNaN(recency) ? maxRecency : recency);
}

/**
 * A run's features page by page in customer order, through one server-side cursor (one ordered scan
 * instead of a keyset query per page). Call it inside a transaction: the cursor lives as long as it.
 */
export async function* rfmFeaturePages(trx: Knex.Transaction, runId: string): AsyncGenerator<RfmFeatureRow[]> {
  await trx.raw(
    'declare rfm_features no scroll cursor for select customer_id, recency_days, frequency, monetary from segflow.customer_features where run_id = ? order by customer_id',
    [runId],
  );
  for (;;) {
    const page = await trx.raw<{ rows: RfmFeatureRow[] }>(`fetch ${PAGE_SIZE} from rfm_features`);
    if (page.rows.length === 0) break;
    yield page.rows;
  }
  await trx.raw('close rfm_features');
}

/**
 * At most `limit` customers, picked by a hash of their id: the same ones on every rerun, spread over
 * the whole run. One query (a top-N sort in the database); its rows are bounded by the limit.
 */
async function* sampledFeaturePages(db: Knex, runId: string, limit: number): AsyncGenerator<RfmFeatureRow[]> {
  yield await db('segflow.customer_features')
    .select('customer_id', 'recency_days', 'frequency', 'monetary')
    .where('run_id', runId)
    .orderByRaw(FIT_SAMPLE_ORDER)
    .limit(limit);
}

/**
 * Reads a run's features into typed arrays: log1p(max(monetary, 0)), log1p(frequency),
 * log1p(recency_days). Customers with no purchase (returns only) get the run's largest recency,
 * i.e. they count as the stalest. With more customers than `sampleLimit`, reads a hash sample of
 * that many, so memory stays bounded whatever the run's size.
 */
export async function readRfmMatrix(db: Knex, runId: string, sampleLimit = Number.POSITIVE_INFINITY): Promise<RfmMatrix> {
  const totals = await db('segflow.customer_features').where('run_id', runId).first<{ customers: string; max_recency: number | null }>(
    db.raw('count(*) as customers'),
    db.raw('max(recency_days) as max_recency'),
  );
  const population = Number(totals.customers);
  const maxRecency = Math.max(0, totals.max_recency ?? 0);
  const customerIds: string[] = [];
  let original = new Float64Array(3 * 1024);
  await db.transaction(async (trx) => {
    const pages = population > sampleLimit ? sampledFeaturePages(trx, runId, sampleLimit) : rfmFeaturePages(trx, runId);
    for await (const page of pages) {
      original = growFloat64Array(original, 3 * (customerIds.length + page.length));
      for (const row of page) {
        const at = 3 * customerIds.length;
        original[at] = Number(row.monetary);
        original[at + 1] = row.frequency;
        original[at + 2] = row.recency_days ?? Number.NaN;
        customerIds.push(row.customer_id);
      }
    }
  });
  const n = customerIds.length;
  const values = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) writeRfmFeatures(values, 3 * i, original[3 * i]!, original[3 * i + 1]!, original[3 * i + 2]!, maxRecency);
  return { population, maxRecency, customerIds, matrix: { n, d: 3, values }, original: original.subarray(0, 3 * n) };
}
