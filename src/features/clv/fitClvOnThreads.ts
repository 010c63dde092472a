import type { BgnbdFit } from './bgnbd.js';
import type { CalibrationSummary } from './calibrationSummary.js';
import { ClvFitError } from './clvFitError.js';
import type { SummaryColumns } from './clvTasks.js';
import type { ClvThreads } from './clvThreads.js';
import type { ValueSettings } from './customerValue.js';
import type { GammaGammaFit } from './gammaGamma.js';
import type { ClvSummaries } from './readClvSummaries.js';

/** Horizon and discounting of every run's CLV. */
export const CLV_SETTINGS: ValueSettings = { horizonMonths: 12, annualDiscountRate: 0.1 };
/** The holdout check fits on data up to as-of minus this many days and predicts the rest. */
export const HOLDOUT_DAYS = 182;

export function clvCalibrationEnd(asOf: string): string {
  return new Date(Date.parse(`${asOf}T00:00:00Z`) - HOLDOUT_DAYS * 86_400_000).toISOString().slice(0, 10);
}

/** A summary's numeric columns, customers from..to: what a thread needs, without the ids. */
export const columnsOf = (summary: CalibrationSummary, from = 0, to = summary.x.length): SummaryColumns => ({
  x: summary.x.slice(from, to),
  tx: summary.tx.slice(from, to),
  T: summary.T.slice(from, to),
  zbar: summary.zbar.slice(from, to),
  holdoutPurchases: summary.holdoutPurchases.slice(from, to),
});

/** The reason instead of the result when the data cannot support a fit; any other failure is thrown. */
async function unlessUnfittable<T>(work: Promise<T>): Promise<T | { unfittable: string }> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ClvFitError) return { unfittable: error.message };
    throw error;
  }
}

export interface ClvModelFit {
  /** What clv_models stores: parameters, settings and the holdout check, or why no fit was possible. */
  model: Record<string, unknown>;
  fit?: { bgnbd: BgnbdFit; gammaGamma: GammaGammaFit };
}

/** The final model and the holdout check, fitted side by side on the threads. */
export async function fitClvOnThreads(threads: ClvThreads, summaries: ClvSummaries, asOf: string): Promise<ClvModelFit> {
  const calibrationEnd = clvCalibrationEnd(asOf);
  const summary = summaries.full;
  const holdoutFit = unlessUnfittable(threads.run({ task: 'holdout', summary: columnsOf(summaries.calibration), lengthUnits: HOLDOUT_DAYS / 7 }));
  const fitted = await unlessUnfittable(threads.run({ task: 'fit', summary: columnsOf(summary) }));
  const checked = await holdoutFit;
  const holdout = 'unfittable' in checked
    ? { calibrationEnd, holdoutEnd: asOf, skipped: checked.unfittable }
    : { calibrationEnd, holdoutEnd: asOf, ...(checked.task === 'holdout' ? checked.report : {}) };
  if ('unfittable' in fitted || fitted.task !== 'fit') {
    const reason = 'unfittable' in fitted ? fitted.unfittable : `a CLV thread answered a fit task with ${fitted.task}`;
    return { model: { fitted: false, reason, ...CLV_SETTINGS, customers: summary.x.length, holdout } };
  }
  const fit = { bgnbd: fitted.bgnbd, gammaGamma: fitted.gammaGamma };
  return { model: { fitted: true, timeUnit: 'weeks', ...CLV_SETTINGS, ...fit, customers: summary.x.length, holdout }, fit };
}
