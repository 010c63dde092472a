import { zoneOffsetMs } from '../zoneOffset.js';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

// Offsets change only on the hour in practice: cache them per wall-clock hour (millions of hits, few hours).
const offsetCache = new Map<string, number>();

const DAY_MS = 86_400_000;

/** The offset that turns wall-clock `wall` (as if UTC) into an instant of the zone. */
function offsetForWall(wall: number, timeZone: string): number {
  // The offsets in force a day before and a day after bracket any single change.
  const before = zoneOffsetMs(wall - DAY_MS, timeZone);
  const after = zoneOffsetMs(wall + DAY_MS, timeZone);
  const fitsBefore = zoneOffsetMs(wall - before, timeZone) === before;
  const fitsAfter = zoneOffsetMs(wall - after, timeZone) === after;
  if (fitsBefore && fitsAfter) return Math.max(before, after); // repeated hour: the earlier instant
  if (fitsAfter) return after;
  return before; // fits before, or skipped hour: as java.time does, move it forward by the gap
}

/**
 * Converts a data feed date_time ("2024-01-15 09:30:00", wall-clock time of the report suite's
 * time zone) to ISO-8601 UTC, or null when it is not a real date and time. Across a DST change a
 * repeated wall-clock time resolves to its first occurrence, and a skipped one (02:30 on the
 * spring-forward night) to the instant the clock would show had it not jumped (03:30 after it).
 */
export function feedTimeToUtc(dateTime: string, timeZone: string): string | null {
  const match = DATE_TIME.exec(dateTime.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  const cacheKey = `${timeZone} ${match.slice(1, 5).join('-')}`;
  let offset = offsetCache.get(cacheKey);
  if (offset === undefined) {
    offset = offsetForWall(wall, timeZone);
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(cacheKey, offset);
  }
  return new Date(wall - offset).toISOString();
}
