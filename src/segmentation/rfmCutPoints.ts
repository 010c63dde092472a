import { UserFacingError } from '../userFacingError.js';

export type RfmDimensionName = 'recency' | 'frequency' | 'monetary';

/**
 * Explicit score thresholds per RFM dimension: four increasing values split the dimension into
 * scores 1–5, a value equal to a cut point taking the better score. Frequency and monetary: score
 * 1 + (cut points ≤ value), so frequency [1, 2, 4, 8] gives 0 orders → 1, 1 → 2, 2–3 → 3, 4–7 → 4,
 * 8+ → 5. Recency in days (recent is better): score 5 − (cut points < value), so [30, 90, 180, 365]
 * gives up to 30 days → 5 … over 365 → 1. A dimension without cut points keeps tie-aware quintiles.
 */
export type RfmCutPoints = Partial<Record<RfmDimensionName, readonly number[]>>;

const DIMENSIONS: readonly RfmDimensionName[] = ['recency', 'frequency', 'monetary'];

/** The cut points, checked: known dimensions only, four finite strictly increasing values each. */
export function checkRfmCutPoints(cutPoints: RfmCutPoints | undefined): RfmCutPoints {
  if (cutPoints === undefined) return {};
  const checked: RfmCutPoints = {};
  for (const [dimension, values] of Object.entries(cutPoints)) {
    if (!DIMENSIONS.includes(dimension as RfmDimensionName)) {
      throw new UserFacingError(`rfmCutPoints names an unknown dimension "${dimension}"`, 'use recency, frequency or monetary');
    }
    if (values === undefined) continue;
    const increasing = Array.isArray(values) && values.length === 4 && values.every((v, i) => Number.isFinite(v) && (i === 0 || v > values[i - 1]!));
    if (!increasing) {
      throw new UserFacingError(
        `rfmCutPoints.${dimension} is ${JSON.stringify(values)}, not four increasing numbers`,
        `give four increasing thresholds for scores 1–5, e.g. "${dimension}": [1, 2, 4, 8], or leave it out for quintiles`,
      );
    }
    checked[dimension as RfmDimensionName] = [...values];
  }
  return checked;
}

/** Per dimension what decided its scores, as stored with the model. */
export function rfmScoringRecord(cutPoints: RfmCutPoints): Record<RfmDimensionName, { method: 'quintiles' } | { method: 'cut points'; cutPoints: number[]; rule: string }> {
  const record = {} as ReturnType<typeof rfmScoringRecord>;
  for (const dimension of DIMENSIONS) {
    const cuts = cutPoints[dimension];
    record[dimension] = cuts
      ? {
        method: 'cut points',
        cutPoints: [...cuts],
        rule: dimension === 'recency' ? 'score 5 − (cut points below the value); no purchase → 1' : 'score 1 + (cut points at or below the value)',
      }
      : { method: 'quintiles' };
  }
  return record;
}
