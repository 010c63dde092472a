import { UserFacingError } from './userFacingError.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Validates a calendar date written YYYY-MM-DD (rejects 2011-02-30 and friends). */
export function parseAsOfDate(text: string): string {
  const match = ISO_DATE.exec(text.trim());
  const [year, month, day] = match ? match.slice(1).map(Number) : [];
  const date = match ? new Date(Date.UTC(year!, month! - 1, day!)) : undefined;
  if (!date || date.getUTCFullYear() !== year || date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day) {
    throw new UserFacingError(
      `invalid as-of date "${text}"`,
      'give a real calendar date as YYYY-MM-DD, e.g. --as-of 2011-12-09',
    );
  }
  return text.trim();
}

export interface QuarterWindow {
  /** e.g. 2011-Q4 */
  label: string;
  start: string;
  end: string;
  /** Last day counted: the as-of date, or the quarter end when as-of is later. */
  periodEnd: string;
  isPartial: boolean;
}

/** The calendar quarter containing asOf, cut at asOf. */
export function quarterEndingAt(asOf: string): QuarterWindow {
  const [year, month] = asOf.split('-').map(Number) as [number, number];
  const quarter = Math.floor((month - 1) / 3) + 1;
  const startMonth = (quarter - 1) * 3 + 1;
  const endDate = new Date(Date.UTC(year, startMonth + 2, 0));
  const end = endDate.toISOString().slice(0, 10);
  return {
    label: `${year}-Q${quarter}`,
    start: `${year}-${String(startMonth).padStart(2, '0')}-01`,
    end,
    periodEnd: asOf < end ? asOf : end,
    isPartial: asOf < end,
  };
}
