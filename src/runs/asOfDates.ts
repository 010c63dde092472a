/** How far apart the as-of dates of a backfill are. */
export const BACKFILL_STEPS = ['day', 'week', 'month', 'quarter'] as const;
export type BackfillStep = (typeof BACKFILL_STEPS)[number];

const DAY_MS = 86_400_000;

function toDate(isoDate: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Last day of the month `monthIndex` months after January of `year` (overflow rolls into later years). */
function monthEnd(year: number, monthIndex: number): Date {
  return new Date(Date.UTC(year, monthIndex + 1, 0));
}

/**
 * The as-of dates from `from` to `to` (both YYYY-MM-DD, inclusive), ascending.
 * day and week step from `from`; month and quarter give the month ends / quarter ends in the range,
 * because a period is reported when it is complete (2011-01-31 monthly → 2011-02-28, 2011-03-31, …).
 * Stops after `limit` dates so a silly range costs nothing.
 */
export function asOfDatesBetween(from: string, to: string, step: BackfillStep, limit = Number.POSITIVE_INFINITY): string[] {
  const start = toDate(from);
  const end = toDate(to);
  const dates: string[] = [];
  if (step === 'day' || step === 'week') {
    const stride = (step === 'day' ? 1 : 7) * DAY_MS;
    for (let t = start.getTime(); t <= end.getTime() && dates.length < limit; t += stride) dates.push(toIso(new Date(t)));
    return dates;
  }
  const monthsPerStep = step === 'month' ? 1 : 3;
  // Quarter ends fall in March, June, September, December (month index 2, 5, 8, 11).
  let monthIndex = step === 'month' ? start.getUTCMonth() : Math.floor(start.getUTCMonth() / 3) * 3 + 2;
  for (;;) {
    const candidate = monthEnd(start.getUTCFullYear(), monthIndex);
    if (candidate > end || dates.length >= limit) return dates;
    if (candidate >= start) dates.push(toIso(candidate));
    monthIndex += monthsPerStep;
  }
}
