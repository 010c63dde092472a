const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `timeZone` is an IANA zone this runtime knows (e.g. America/New_York). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in ms (wall clock minus UTC). */
function offsetAt(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wall - Math.floor(instant / 1000) * 1000;
}

// Offsets change only on the hour in practice: cache them per wall-clock hour (millions of hits, few hours).
const offsetCache = new Map<string, number>();

const DAY_MS = 86_400_000;

/** The offset that turns wall-clock `wall` (as if UTC) into an instant of the zone. */
function offsetForWall(wall: number, timeZone: string): number {
  // The offsets in force a day before and a day after bracket any single change.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const fitsBefore = offsetAt(wall - before, timeZone) === before;
  const fitsAfter = offsetAt(wall - after, timeZone) === after;
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
