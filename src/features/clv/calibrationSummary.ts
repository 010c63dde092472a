/** Purchases per customer: day number (days since 1970-01-01) → amount spent that day (same-day purchases merged). */
export type PurchaseDays = Map<string, Map<number, number>>;

export interface CalibrationSummary {
  customerIds: string[];
  /** Repeat purchase days in the calibration period. */
  x: Float64Array;
  /** Time from first to last calibration purchase, in units. */
  tx: Float64Array;
  /** Time from first purchase to the calibration end, in units. */
  T: Float64Array;
  /** Mean spend of the repeat purchase days (0 when x = 0). */
  zbar: Float64Array;
  /** Purchase days after the calibration end, up to the holdout end (0 without a holdout period). */
  holdoutPurchases: Float64Array;
  /** Customers whose first purchase is after the calibration end: not in the summary. */
  customersFirstSeenLater: number;
}

/**
 * The (x, t_x, T, zbar) summary of Fader, Hardie & Lee, per customer whose first purchase falls on or
 * before the calibration end. Days count whole; `unitDays` = 7 gives weeks.
 */
export function summariseCalibration(
  purchases: PurchaseDays,
  calibrationEndDay: number,
  holdoutEndDay: number | undefined,
  unitDays: number,
): CalibrationSummary {
  const ids = [...purchases.keys()].filter((id) => Math.min(...purchases.get(id)!.keys()) <= calibrationEndDay).sort();
  const n = ids.length;
  const summary: CalibrationSummary = {
    customerIds: ids,
    x: new Float64Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    zbar: new Float64Array(n),
    holdoutPurchases: new Float64Array(n),
    customersFirstSeenLater: purchases.size - n,
  };
  ids.forEach((id, i) => {
    const days = [...purchases.get(id)!.entries()].sort((a, b) => a[0] - b[0]);
    const first = days[0]![0];
    let last = first;
    let repeats = 0;
    let repeatSpend = 0;
    let holdout = 0;
    for (const [day, amount] of days) {
      if (day <= calibrationEndDay) {
        if (day !== first) {
          repeats += 1;
          repeatSpend += amount;
        }
        last = day;
      } else if (holdoutEndDay !== undefined && day <= holdoutEndDay) {
        holdout += 1;
      }
    }
    summary.x[i] = repeats;
    summary.tx[i] = (last - first) / unitDays;
    summary.T[i] = (calibrationEndDay - first) / unitDays;
    summary.zbar[i] = repeats > 0 ? repeatSpend / repeats : 0;
    summary.holdoutPurchases[i] = holdout;
  });
  return summary;
}
