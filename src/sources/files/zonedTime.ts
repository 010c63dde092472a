import { zoneOffsetMs } from '../zoneOffset.js';

/**
 * Time texts from files that carry no zone ("2010-12-01 08:26:00") are wall-clock times in the
 * source's configured IANA zone; this turns them into ISO-8601 UTC. Texts with a zone pass through.
 */

/** How date-times without a zone are written: ISO order, or day/month order as UK and US exports do. */
export const DATE_FORMATS = ['iso', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?$/;
const SLASHED_LOCAL = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

function readWallClock(text: string, format: DateFormat): WallClock | null {
  if (format === 'iso') {
    const m = ISO_LOCAL.exec(text);
    if (!m) return null;
    return {
      year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0),
      ms: m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0,
    };
  }
  const m = SLASHED_LOCAL.exec(text);
  if (!m) return null;
  const [first, second] = [Number(m[1]), Number(m[2])];
  return {
    year: Number(m[3]), month: format === 'DD/MM/YYYY' ? second : first, day: format === 'DD/MM/YYYY' ? first : second,
    hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0), ms: 0,
  };
}

/** Milliseconds since the epoch of a wall-clock time in the zone, or null when it is not a real time. */
export function wallClockToEpochMs(clock: WallClock, timeZone: string): number | null {
  const guess = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second, clock.ms);
  const check = new Date(guess);
  // Date.UTC rolls 2011-02-30 over to March: a changed field means the text named no real time.
  if (
    check.getUTCFullYear() !== clock.year || check.getUTCMonth() !== clock.month - 1 || check.getUTCDate() !== clock.day ||
    check.getUTCHours() !== clock.hour || check.getUTCMinutes() !== clock.minute || check.getUTCSeconds() !== clock.second
  ) {
    return null;
  }
  if (timeZone === 'UTC') return guess;
  // Two passes settle the offset on both sides of a daylight-saving change.
  const first = guess - zoneOffsetMs(guess, timeZone);
  return guess - zoneOffsetMs(first, timeZone);
}

/**
 * The text as ISO-8601 UTC with milliseconds when it is a time without a zone (in `timeZone`) or
 * with one; the text unchanged when it cannot be read, so the landing check rejects it with its
 * original value.
 */
export function toUtcTimestamp(text: string, timeZone: string, format: DateFormat): string {
  const trimmed = text.trim();
  if (HAS_ZONE.test(trimmed)) {
    const ms = Date.parse(trimmed);
    return Number.isNaN(ms) ? text : new Date(ms).toISOString();
  }
  const clock = readWallClock(trimmed, format);
  if (!clock) return text;
  const ms = wallClockToEpochMs(clock, timeZone);
  return ms === null ? text : new Date(ms).toISOString();
}

/** A calendar date (YYYY-MM-DD) from a date text in the configured format; unchanged when unreadable. */
export function toCalendarDate(text: string, format: DateFormat): string {
  const trimmed = text.trim();
  if (format === 'iso') return trimmed;
  const clock = readWallClock(trimmed, format);
  if (!clock) return text;
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(clock.year, 4)}-${pad(clock.month, 2)}-${pad(clock.day, 2)}`;
}
