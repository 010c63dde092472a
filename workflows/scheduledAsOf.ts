import { ApplicationFailure, workflowInfo } from '@temporalio/workflow';

/** How a scheduled run derives its as-of date from the time the schedule meant to start it. */
export interface ScheduledAsOf {
  /** IANA zone the schedule runs in, e.g. Europe/London. */
  timeZone: string;
  /** Days before the scheduled day: 1 reports on yesterday, which is complete. */
  lagDays: number;
}

/** Set by a Temporal Schedule on every workflow it starts. */
const SCHEDULED_START_TIME = 'TemporalScheduledStartTime';

/** The calendar day of `instant` in `timeZone`, minus `lagDays`, as YYYY-MM-DD. */
export function asOfFromScheduledStart(instant: Date, { timeZone, lagDays }: ScheduledAsOf): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const day = new Date(Date.UTC(part('year'), part('month') - 1, part('day') - lagDays));
  return day.toISOString().slice(0, 10);
}

/** The scheduled start of this workflow (not the wall clock: a late or caught-up start keeps its nominal time). */
function scheduledStartTime(): Date | undefined {
  const info = workflowInfo();
  const typed = info.typedSearchAttributes.getAll().find((p) => p.key.name === SCHEDULED_START_TIME)?.value as unknown;
  // A server that sends the attribute without its type metadata reaches only the untyped map.
  const value = typed ?? info.searchAttributes[SCHEDULED_START_TIME]?.[0];
  if (value instanceof Date) return value;
  if (typeof value === 'string') return new Date(value);
  return undefined;
}

/** The as-of date of a run: given, or derived from the schedule that started it. */
export function resolveAsOf(asOf: string | undefined, schedule: ScheduledAsOf | undefined): string {
  if (asOf) return asOf;
  const start = scheduledStartTime();
  if (!start || !schedule) {
    throw ApplicationFailure.nonRetryable(
      'segflow: segmentationRun started without an as-of date — pass asOf, or start it from a schedule (segflow schedule create), which supplies its scheduled time',
      'UserFacingError',
    );
  }
  return asOfFromScheduledStart(start, schedule);
}
