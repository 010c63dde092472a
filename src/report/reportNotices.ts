import { formatDate } from './formatNumbers.js';
import type { QuarterRun, ReportData } from './reportData.js';

const DAY_MS = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

function quarterDays(run: QuarterRun): { counted: number; total: number } {
  const start = new Date(`${run.quarterStart}T00:00:00Z`);
  const nextStart = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 1) / DAY_MS;
  return { counted: day(run.periodEnd) - day(run.quarterStart) + 1, total: nextStart - day(run.quarterStart) };
}

function partialNotice(run: QuarterRun): string {
  const { counted, total } = quarterDays(run);
  return `${run.quarter} is partial: it counts ${formatDate(run.quarterStart)} to ${formatDate(run.periodEnd)} (${counted} of ${total} days). `
    + 'Totals such as revenue, orders and active customers are lower than a full quarter\'s, and KPIs that grow with the period are not flagged as underperforming.';
}

/** What a reader must know before reading the numbers: partial quarters, a missing or non-adjacent comparison. */
export function reportNotices(data: ReportData): string[] {
  const notices: string[] = [];
  if (data.current.isPartial) notices.push(partialNotice(data.current));
  if (data.previous?.isPartial) notices.push(partialNotice(data.previous));
  if (!data.previous) {
    notices.push(`${data.compareQuarter} has no published snapshot, so ${data.current.quarter} is shown on its own: no comparison and no movement between segments.`);
  } else if (!data.consecutive) {
    notices.push(`${data.previous.quarter} is not the quarter just before ${data.current.quarter}: the comparison is computed from the two snapshots without underperforming flags, and movement between segments is published for consecutive quarters only.`);
  }
  return notices;
}
