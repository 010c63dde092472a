import { wallClockToEpochMs } from '../zonedTime.js';

// Bounds the caches when a file spans centuries.
const MAX_ENTRIES = 100_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * Wall-clock times of one zone as epoch milliseconds, exactly as wallClockToEpochMs gives them (the
 * JavaScript path's mapping), at the cost of a few zone lookups per local day instead of per line:
 * a day's start is kept when the zone's offset holds from its first to its last second, as it does
 * except on a day with a daylight-saving change. Such a day is read hour by hour the same way, and
 * the hour the change cuts line by line.
 */
export class ZonedWallClock {
  private readonly days = new Map<number, number>();
  private readonly hours = new Map<number, number>();

  constructor(private readonly timeZone: string) {}

  /** The time of a real day, hour 0–23, minute and second 0–59 (vetted by the caller). */
  epochMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
    const dayKey = (year * 13 + month) * 32 + day;
    let dayStart = this.days.get(dayKey);
    if (dayStart === undefined) {
      dayStart = this.steadyStart(year, month, day, 0, DAY_MS);
      remember(this.days, dayKey, dayStart);
    }
    if (!Number.isNaN(dayStart)) return dayStart + hour * HOUR_MS + minute * 60_000 + second * 1000;
    const hourKey = dayKey * 24 + hour;
    let hourStart = this.hours.get(hourKey);
    if (hourStart === undefined) {
      hourStart = this.steadyStart(year, month, day, hour, HOUR_MS);
      remember(this.hours, hourKey, hourStart);
    }
    if (!Number.isNaN(hourStart)) return hourStart + minute * 60_000 + second * 1000;
    return wallClockToEpochMs({ year, month, day, hour, minute, second, ms: 0 }, this.timeZone) ?? Number.NaN;
  }

  /** The epoch of `hour`:00:00 when the span's last second lies span - 1 s after it (no offset change), else NaN. */
  private steadyStart(year: number, month: number, day: number, hour: number, spanMs: number): number {
    const lastSecond = (hour * HOUR_MS + spanMs) / 1000 - 1;
    const first = wallClockToEpochMs({ year, month, day, hour, minute: 0, second: 0, ms: 0 }, this.timeZone);
    const last = wallClockToEpochMs(
      { year, month, day, hour: Math.floor(lastSecond / 3600), minute: Math.floor(lastSecond / 60) % 60, second: lastSecond % 60, ms: 0 },
      this.timeZone,
    );
    return first !== null && last !== null && last - first === spanMs - 1000 ? first : Number.NaN;
  }
}

function remember(cache: Map<number, number>, key: number, value: number): void {
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, value);
}
