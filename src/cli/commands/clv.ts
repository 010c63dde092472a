import type { Command } from 'commander';
import { parseAsOfDate } from '../../asOfDate.js';
import { summariseCalibration } from '../../features/clv/calibrationSummary.js';
import { ClvFitError } from '../../features/clv/clvFitError.js';
import { fitClvModels } from '../../features/clv/fitClvModels.js';
import { holdoutReport } from '../../features/clv/holdoutReport.js';
import { dayNumber, readPurchaseFile } from '../../features/clv/readPurchaseFile.js';
import { UserFacingError } from '../../userFacingError.js';
import { formatTable } from '../formatTable.js';

interface ClvOptions {
  input: string;
  customerCol: string;
  dateCol: string;
  amountCol: string;
  calibrationEnd: string;
  holdoutEnd?: string;
  timeUnit: 'weeks' | 'days';
  delimiter: string;
  json: boolean;
}

const round = (x: number, digits = 6) => Number(x.toPrecision(digits));

async function clv(options: ClvOptions): Promise<void> {
  const calibrationEnd = parseAsOfDate(options.calibrationEnd);
  const holdoutEnd = options.holdoutEnd ? parseAsOfDate(options.holdoutEnd) : undefined;
  if (holdoutEnd && holdoutEnd <= calibrationEnd) {
    throw new UserFacingError(`--holdout-end ${holdoutEnd} is not after --calibration-end ${calibrationEnd}`, 'give a holdout end later than the calibration end');
  }
  if (options.timeUnit !== 'weeks' && options.timeUnit !== 'days') {
    throw new UserFacingError(`--time-unit "${options.timeUnit}" is not supported`, 'use weeks or days');
  }
  const unitDays = options.timeUnit === 'weeks' ? 7 : 1;
  const file = await readPurchaseFile(options.input, { customer: options.customerCol, date: options.dateCol, amount: options.amountCol }, options.delimiter);
  const calibrationEndDay = dayNumber(calibrationEnd)!;
  const holdoutEndDay = holdoutEnd ? dayNumber(holdoutEnd)! : undefined;
  const summary = summariseCalibration(file.purchases, calibrationEndDay, holdoutEndDay, unitDays);
  let bgnbd;
  let gammaGamma;
  try {
    ({ bgnbd, gammaGamma } = fitClvModels(summary));
  } catch (error) {
    if (error instanceof ClvFitError) throw new UserFacingError(error.message, 'use a later --calibration-end or a file with more repeat purchases');
    throw error;
  }
  const holdout = holdoutEndDay === undefined ? undefined : holdoutReport(bgnbd, summary, (holdoutEndDay - calibrationEndDay) / unitDays);
  const repeatBuyers = summary.x.filter((x) => x > 0).length;
  const result = {
    input: {
      rowsRead: file.rowsRead,
      rowsSkipped: file.rowsSkipped,
      customers: summary.customerIds.length,
      repeatBuyers,
      customersFirstSeenAfterCalibration: summary.customersFirstSeenLater,
      timeUnit: options.timeUnit,
      calibrationEnd,
      holdoutEnd: holdoutEnd ?? null,
    },
    bgnbd: { r: round(bgnbd.r), alpha: round(bgnbd.alpha), a: round(bgnbd.a), b: round(bgnbd.b), logLikelihood: round(bgnbd.logLikelihood, 8), converged: bgnbd.converged },
    gammaGamma: { p: round(gammaGamma.p), q: round(gammaGamma.q), v: round(gammaGamma.v), logLikelihood: round(gammaGamma.logLikelihood, 8), converged: gammaGamma.converged },
    holdout: holdout ?? null,
  };
  if (options.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  const out = [
    `${file.rowsRead} rows read${Object.keys(file.rowsSkipped).length ? `, skipped ${JSON.stringify(file.rowsSkipped)}` : ''}; ${summary.customerIds.length} customers first seen by ${calibrationEnd}, ${repeatBuyers} repeat buyers (time unit: ${options.timeUnit})`,
    `BG/NBD       r ${result.bgnbd.r}  alpha ${result.bgnbd.alpha}  a ${result.bgnbd.a}  b ${result.bgnbd.b}  log-likelihood ${result.bgnbd.logLikelihood}`,
    `Gamma-Gamma  p ${result.gammaGamma.p}  q ${result.gammaGamma.q}  v ${result.gammaGamma.v}`,
  ];
  if (holdout) {
    out.push(
      '',
      `Holdout ${calibrationEnd} → ${holdoutEnd} (${round(holdout.lengthUnits, 4)} ${options.timeUnit}): predicted ${holdout.predictedTotal.toFixed(1)}, actual ${holdout.actualTotal} repeat purchases (${(100 * holdout.totalErrorShare).toFixed(1)}%), mean absolute error ${holdout.meanAbsoluteError.toFixed(3)} per customer`,
      formatTable(
        ['calibration repeats', 'customers', 'actual mean', 'predicted mean'],
        holdout.byRepeatPurchases.map((b) => [b.repeatPurchases, b.customers, b.actualMean.toFixed(3), b.predictedMean.toFixed(3)]),
      ),
    );
  }
  process.stdout.write(out.join('\n') + '\n');
}

export function registerClv(program: Command): void {
  program
    .command('clv')
    .description('fit BG/NBD and Gamma-Gamma CLV models to an order file (no Temporal or database needed)')
    .requiredOption('--input <file>', 'CSV with a header (plain or .gz), one row per order')
    .requiredOption('--customer-col <name>', 'customer id column')
    .requiredOption('--date-col <name>', 'order date column (YYYY-MM-DD, YYYYMMDD or an ISO date-time)')
    .requiredOption('--amount-col <name>', 'order amount column')
    .requiredOption('--calibration-end <date>', 'last day of the calibration period (YYYY-MM-DD)')
    .option('--holdout-end <date>', 'last day of the holdout period: compare predicted and actual repeat purchases')
    .option('--time-unit <unit>', 'weeks or days', 'weeks')
    .option('--delimiter <char>', 'field delimiter', ',')
    .option('--json', 'print { bgnbd, gammaGamma, holdout, input } as JSON', false)
    .action(clv);
}
