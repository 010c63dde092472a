import { BadInputError } from '../badInputError.js';

export const OVERLAP_POLICIES = {
  skip: 'SKIP',
  buffer_one: 'BUFFER_ONE',
  cancel_other: 'CANCEL_OTHER',
  allow_all: 'ALLOW_ALL',
} as const;
export type OverlapOption = keyof typeof OVERLAP_POLICIES;

/** What `segflow schedule create` was asked for, checked. */
export interface ScheduleDefinition {
  name: string;
  /** Exactly one of cron and intervalMs. */
  cron?: string;
  intervalMs?: number;
  timeZone: string;
  overlap: OverlapOption;
  catchupWindowMs: number;
  lagDays: number;
}

export interface ScheduleArguments {
  name: string;
  cron?: string;
  interval?: string;
  timezone: string;
  overlap: string;
  catchupWindow: string;
  asOfLagDays: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
const DURATION = /^(\d+)(s|m|h|d)$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
// Five cron fields, or a macro such as @daily; Temporal checks the field values themselves.
const CRON = /^(@[a-z]+|(\S+\s+){4}\S+)$/;
// Temporal refuses a catch-up window under 10 seconds.
const MIN_CATCHUP_MS = 10_000;

/** "30s", "15m", "12h", "1d" → milliseconds. */
export function parseDuration(flag: string, text: string): number {
  const match = DURATION.exec(text.trim());
  const value = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : 0;
  if (!match || value <= 0) {
    throw new BadInputError(`${flag} "${text}" is not a duration`, 'write a whole number and a unit: 30s, 15m, 12h or 1d');
  }
  return value;
}

/** Milliseconds back to the shortest "1d" / "12h" / "15m" / "30s" form. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm'] as const) if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  return `${ms / 1_000}s`;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function checkScheduleName(name: string): string {
  if (!NAME.test(name)) {
    throw new BadInputError(`schedule name "${name}" is not usable`, 'use letters, digits, - and _ (up to 63 characters), starting with a letter or digit, e.g. nightly');
  }
  return name;
}

export function parseScheduleDefinition(args: ScheduleArguments): ScheduleDefinition {
  const name = checkScheduleName(args.name);
  if (Boolean(args.cron) === Boolean(args.interval)) {
    throw new BadInputError('a schedule needs exactly one of --cron and --interval', 'give --cron "0 2 * * *" for 02:00 every day, or --interval 1h');
  }
  const cron = args.cron?.trim();
  if (cron !== undefined && !CRON.test(cron)) {
    throw new BadInputError(`--cron "${args.cron}" is not a cron expression`, 'give five fields (minute hour day-of-month month day-of-week), e.g. "0 2 * * *", or a macro such as @daily');
  }
  const intervalMs = args.interval === undefined ? undefined : parseDuration('--interval', args.interval);
  const timeZone = args.timezone.trim();
  if (!isTimeZone(timeZone)) {
    throw new BadInputError(`--timezone "${args.timezone}" is not a time zone`, 'give an IANA zone name such as UTC, Europe/London or America/New_York');
  }
  const overlap = args.overlap.trim().toLowerCase().replace(/-/g, '_');
  if (!(overlap in OVERLAP_POLICIES)) {
    throw new BadInputError(`--overlap "${args.overlap}" is not an overlap policy`, `use one of ${Object.keys(OVERLAP_POLICIES).join(', ')}`);
  }
  const catchupWindowMs = parseDuration('--catchup-window', args.catchupWindow);
  if (catchupWindowMs < MIN_CATCHUP_MS) {
    throw new BadInputError(`--catchup-window "${args.catchupWindow}" is shorter than Temporal allows`, 'give 10s or more, e.g. 1d');
  }
  const lagDays = Number(args.asOfLagDays);
  if (!/^\s*\d+\s*$/.test(args.asOfLagDays) || !Number.isSafeInteger(lagDays) || lagDays > 366) {
    throw new BadInputError(`--as-of-lag-days "${args.asOfLagDays}" is not a number of days`, 'give a whole number from 0 to 366; 1 reports on the day before the scheduled day');
  }
  return { name, ...(cron ? { cron } : { intervalMs }), timeZone, overlap: overlap as OverlapOption, catchupWindowMs, lagDays };
}
