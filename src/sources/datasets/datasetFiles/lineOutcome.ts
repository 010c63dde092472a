import type { LandingReject, LandingRow } from '../../connector.js';

/** What one data line of a dataset file becomes: a landing row, or a reject that says why not. */
export type LineOutcome = { row: LandingRow } | { reject: LandingReject };

export function rejectLine(sourceObject: string, position: string, reasonCode: string, detail: string, original: string): LineOutcome {
  return { reject: { sourceObject, position, reasonCode, detail, original } };
}
