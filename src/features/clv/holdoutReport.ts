import { expectedPurchases, type BgnbdParams } from './bgnbd.js';
import type { CalibrationSummary } from './calibrationSummary.js';

export interface HoldoutBucket {
  /** Calibration repeat purchases: "0".."6", then "7+". */
  repeatPurchases: string;
  customers: number;
  actualMean: number;
  predictedMean: number;
}

export interface HoldoutReport {
  lengthUnits: number;
  customers: number;
  actualTotal: number;
  predictedTotal: number;
  /** (predicted − actual) / actual over all customers. */
  totalErrorShare: number;
  /** Mean over customers of |predicted − actual|. */
  meanAbsoluteError: number;
  byRepeatPurchases: HoldoutBucket[];
}

const TOP_BUCKET = 7;

/** Predicted versus actual repeat purchases in the holdout period, by calibration frequency (FHL 2005, fig. 4). */
export function holdoutReport(params: BgnbdParams, summary: CalibrationSummary, lengthUnits: number): HoldoutReport {
  const buckets = Array.from({ length: TOP_BUCKET + 1 }, () => ({ customers: 0, actual: 0, predicted: 0 }));
  let actualTotal = 0;
  let predictedTotal = 0;
  let absoluteError = 0;
  for (let i = 0; i < summary.x.length; i++) {
    const predicted = expectedPurchases(params, lengthUnits, summary.x[i]!, summary.tx[i]!, summary.T[i]!);
    const actual = summary.holdoutPurchases[i]!;
    const bucket = buckets[Math.min(summary.x[i]!, TOP_BUCKET)]!;
    bucket.customers += 1;
    bucket.actual += actual;
    bucket.predicted += predicted;
    actualTotal += actual;
    predictedTotal += predicted;
    absoluteError += Math.abs(predicted - actual);
  }
  const n = summary.x.length;
  return {
    lengthUnits,
    customers: n,
    actualTotal,
    predictedTotal,
    totalErrorShare: actualTotal > 0 ? (predictedTotal - actualTotal) / actualTotal : 0,
    meanAbsoluteError: n > 0 ? absoluteError / n : 0,
    byRepeatPurchases: buckets
      .map((b, k) => ({
        repeatPurchases: k === TOP_BUCKET ? `${TOP_BUCKET}+` : String(k),
        customers: b.customers,
        actualMean: b.customers > 0 ? b.actual / b.customers : 0,
        predictedMean: b.customers > 0 ? b.predicted / b.customers : 0,
      }))
      .filter((b) => b.customers > 0),
  };
}
