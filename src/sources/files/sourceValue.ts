import type { JsonValue, LandingValue } from '../connector.js';
import type { LandingColumnType } from '../landing/landingEntities.js';
import { toCalendarDate, toUtcTimestamp, type DateFormat } from './zonedTime.js';

export interface ValueReading {
  /** IANA zone of times written without one. */
  timeZone: string;
  dateFormat: DateFormat;
}

/**
 * A source value (file text, JSON value) as its landing column expects it: empty is null, times
 * without a zone are read in the source's zone. What cannot be read passes on unchanged, so the
 * landing check rejects it with the original value in its detail.
 */
export function sourceValueToLanding(value: JsonValue | undefined, type: LandingColumnType, reading: ValueReading): LandingValue {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value !== 'string') return value;
  switch (type) {
    case 'timestamptz':
      return toUtcTimestamp(value, reading.timeZone, reading.dateFormat);
    case 'date':
      return toCalendarDate(value, reading.dateFormat);
    case 'boolean': {
      const lower = value.trim().toLowerCase();
      return lower === 'true' ? true : lower === 'false' ? false : value;
    }
    default:
      return value;
  }
}
