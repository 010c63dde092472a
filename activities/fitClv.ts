import { copyLine } from '../src/db/copyText.js';
import { copyLines } from '../src/db/copyLines.js';
import { lockStage } from '../src/db/stageLock.js';
import { stageSql } from '../src/db/stageSql.js';
import { withConnection } from '../src/db/withConnection.js';
import type { CalibrationSummary } from '../src/features/clv/calibrationSummary.js';
import { ClvFitError } from '../src/features/clv/clvFitError.js';
import { customerValues, type ValueSettings } from '../src/features/clv/customerValue.js';
import { fitClvModels } from '../src/features/clv/fitClvModels.js';
import { holdoutReport } from '../src/features/clv/holdoutReport.js';
import { readClvSummary } from '../src/features/clv/readClvSummary.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, AsOfInput, StageResult } from './types.js';

export interface ClvResult extends StageResult {
  fitted: boolean;
  customersValued: number;
}

const SETTINGS: ValueSettings = { horizonMonths: 12, annualDiscountRate: 0.1 };
/** The holdout check fits on data up to as-of minus this many days and predicts the rest. */
const HOLDOUT_DAYS = 182;

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** Holdout error of a fit on the earlier part of the history; the reason instead when it cannot be fitted. */
function holdoutCheck(summary: CalibrationSummary, calibrationEnd: string, asOf: string) {
  try {
    const { bgnbd } = fitClvModels(summary);
    return { calibrationEnd, holdoutEnd: asOf, ...holdoutReport(bgnbd, summary, HOLDOUT_DAYS / 7) };
  } catch (error) {
    if (error instanceof ClvFitError) return { calibrationEnd, holdoutEnd: asOf, skipped: error.message };
    throw error;
  }
}

const finiteOrNull = (value: number, digits: number) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

/**
 * BG/NBD + Gamma-Gamma on the run's orders up to as-of: P(alive), expected purchases, expected
 * spend and discounted CLV per customer. When the data cannot support a fit, the columns stay
 * null and clv_models says why; the run goes on.
 */
export function makeFitClv({ db }: ActivityDeps) {
  return async function fitClv({ runId, asOf }: AsOfInput): Promise<ClvResult> {
    return runStage(async () => {
      const calibrationEnd = daysBefore(asOf, HOLDOUT_DAYS);
      const holdout = holdoutCheck(await readClvSummary(db, runId, calibrationEnd, asOf), calibrationEnd, asOf);
      const summary = await readClvSummary(db, runId, asOf, asOf);
      let model: Record<string, unknown>;
      let values: ReturnType<typeof customerValues> | undefined;
      try {
        const { bgnbd, gammaGamma } = fitClvModels(summary);
        values = customerValues(bgnbd, gammaGamma, summary, SETTINGS);
        model = { fitted: true, timeUnit: 'weeks', ...SETTINGS, bgnbd, gammaGamma, customers: summary.x.length, holdout };
      } catch (error) {
        if (!(error instanceof ClvFitError)) throw error;
        model = { fitted: false, reason: error.message, ...SETTINGS, customers: summary.x.length, holdout };
      }
      await db.transaction(async (trx) => {
        await lockStage(trx, runId, 'clv');
        await trx('segflow.clv_models').where({ run_id: runId }).delete();
        await trx('segflow.customer_features')
          .where({ run_id: runId })
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
