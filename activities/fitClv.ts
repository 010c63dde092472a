import { copyLine } from '../src/db/copyText.js';
import { copyLines } from '../src/db/copyLines.js';
import { lockStage } from '../src/db/stageLock.js';
import { stageSql } from '../src/db/stageSql.js';
import { withConnection } from '../src/db/withConnection.js';
import type { CalibrationSummary } from '../src/features/clv/calibrationSummary.js';
import type { BgnbdFit } from '../src/features/clv/bgnbd.js';
import { ClvFitError } from '../src/features/clv/clvFitError.js';
import type { SummaryColumns } from '../src/features/clv/clvTasks.js';
import { ClvThreads } from '../src/features/clv/clvThreads.js';
import type { CustomerValues, ValueSettings } from '../src/features/clv/customerValue.js';
import type { GammaGammaFit } from '../src/features/clv/gammaGamma.js';
import { readClvSummaries } from '../src/features/clv/readClvSummaries.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, AsOfInput, StageResult } from './types.js';

export interface ClvResult extends StageResult {
  fitted: boolean;
  customersValued: number;
}

const SETTINGS: ValueSettings = { horizonMonths: 12, annualDiscountRate: 0.1 };
/** The holdout check fits on data up to as-of minus this many days and predicts the rest. */
const HOLDOUT_DAYS = 182;
/** Threads for the fits and the per-customer values: the holdout fit runs beside the final one. */
const THREADS = 2;
/** Per-customer values go to the threads in this many slices, so a thread that finishes early takes more. */
const VALUE_SLICES = 8;

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

const columnsOf = (summary: CalibrationSummary, from = 0, to = summary.x.length): SummaryColumns => ({
  x: summary.x.slice(from, to),
  tx: summary.tx.slice(from, to),
  T: summary.T.slice(from, to),
  zbar: summary.zbar.slice(from, to),
  holdoutPurchases: summary.holdoutPurchases.slice(from, to),
});

const finiteOrNull = (value: number, digits: number) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

/** The reason instead of the result when the data cannot support a fit; any other failure is thrown. */
async function unlessUnfittable<T>(work: Promise<T>): Promise<T | { unfittable: string }> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ClvFitError) return { unfittable: error.message };
    throw error;
  }
}

/** Per-customer values computed slice by slice on the threads, joined back in customer order (each customer's values depend on it alone). */
async function customerValuesOnThreads(threads: ClvThreads, bgnbd: BgnbdFit, gammaGamma: GammaGammaFit, summary: CalibrationSummary): Promise<CustomerValues> {
  const n = summary.x.length;
  const size = Math.ceil(n / VALUE_SLICES);
  const slices = await Promise.all(
    Array.from({ length: Math.ceil(n / size) }, (_, s) =>
      threads.run({ task: 'values', bgnbd, gammaGamma, summary: columnsOf(summary, s * size, Math.min(n, (s + 1) * size)), settings: SETTINGS }),
    ),
  );
  const joined: CustomerValues = { pAlive: new Float64Array(n), expectedPurchases: new Float64Array(n), expectedAov: new Float64Array(n), clv: new Float64Array(n) };
  slices.forEach((slice, s) => {
    if (slice.task !== 'values') throw new Error(`a CLV thread answered a values task with ${slice.task}`);
    for (const key of ['pAlive', 'expectedPurchases', 'expectedAov', 'clv'] as const) joined[key].set(slice.values[key], s * size);
  });
  return joined;
}

/**
 * BG/NBD + Gamma-Gamma on the run's orders up to as-of: P(alive), expected purchases, expected
 * spend and discounted CLV per customer. When the data cannot support a fit, the columns stay
 * null and clv_models says why; the run goes on. Both summaries come from one pass over the
 * orders; the holdout check and the final model are fitted side by side on worker threads.
 */
export function makeFitClv({ db }: ActivityDeps) {
  return async function fitClv({ runId, asOf }: AsOfInput): Promise<ClvResult> {
    return runStage(async () => {
      const calibrationEnd = daysBefore(asOf, HOLDOUT_DAYS);
      const summaries = await readClvSummaries(db, runId, calibrationEnd, asOf);
      const summary = summaries.full;
      const threads = ClvThreads.open(THREADS);
      let holdout: Record<string, unknown>;
      let model: Record<string, unknown>;
      let values: CustomerValues | undefined;
      try {
        const holdoutFit = unlessUnfittable(threads.run({ task: 'holdout', summary: columnsOf(summaries.calibration), lengthUnits: HOLDOUT_DAYS / 7 }));
        const fit = await unlessUnfittable(threads.run({ task: 'fit', summary: columnsOf(summary) }));
        if ('unfittable' in fit || fit.task !== 'fit') {
          model = { fitted: false, reason: 'unfittable' in fit ? fit.unfittable : 'unexpected reply', ...SETTINGS, customers: summary.x.length };
        } else {
          values = await customerValuesOnThreads(threads, fit.bgnbd, fit.gammaGamma, summary);
          model = { fitted: true, timeUnit: 'weeks', ...SETTINGS, bgnbd: fit.bgnbd, gammaGamma: fit.gammaGamma, customers: summary.x.length };
        }
        const checked = await holdoutFit;
        holdout = 'unfittable' in checked
          ? { calibrationEnd, holdoutEnd: asOf, skipped: checked.unfittable }
          : { calibrationEnd, holdoutEnd: asOf, ...(checked.task === 'holdout' ? checked.report : {}) };
      } finally {
        await threads.close();
      }
      model = { ...model, holdout };
      await db.transaction(async (trx) => {
        await lockStage(trx, runId, 'clv');
        await trx('segflow.clv_models').where({ run_id: runId }).delete();
        // Only rows an earlier attempt valued need clearing: on a first attempt this writes nothing.
        await trx('segflow.customer_features')
          .where({ run_id: runId })
          .andWhere((q) => q.whereNotNull('p_alive').orWhereNotNull('expected_purchases_365d').orWhereNotNull('expected_aov').orWhereNotNull('clv_predicted_365d'))
          .update({ p_alive: null, expected_purchases_365d: null, expected_aov: null, clv_predicted_365d: null });
        if (values) {
          const computed = values;
          await trx.raw(stageSql('customer_clv_table'));
          await withConnection(trx, (connection) =>
            copyLines(connection, 'copy customer_clv from stdin', (function* () {
              for (let i = 0; i < summary.customerIds.length; i++) {
                yield copyLine([
                  summary.customerIds[i],
                  finiteOrNull(computed.pAlive[i]!, 6),
                  finiteOrNull(computed.expectedPurchases[i]!, 4),
                  finiteOrNull(computed.expectedAov[i]!, 2),
                  finiteOrNull(computed.clv[i]!, 2),
                ]);
              }
            })()),
          );
          await trx.raw(stageSql('apply_customer_clv'), { run_id: runId });
        }
        await trx('segflow.clv_models').insert({ run_id: runId, model });
      });
      return { fitted: values !== undefined, customersValued: values ? summary.customerIds.length : 0 };
    });
  };
}
