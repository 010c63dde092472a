import { describe, expect, it } from 'vitest';
import { ZonedWallClock } from '../../src/sources/files/bulk/zonedWallClock.js';
import { wallClockToEpochMs } from '../../src/sources/files/zonedTime.js';

describe('ZonedWallClock (bulk loads read local times once per day)', () => {
  // Lord Howe shifts by 30 minutes; Kolkata has no daylight saving; London and New York do, at different dates.
  for (const timeZone of ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC']) {
    it(`gives what wallClockToEpochMs gives for every wall-clock time sampled through 2011 in ${timeZone}`, () => {
      const clock = new ZonedWallClock(timeZone);
      const mismatches: string[] = [];
      // A step of 7 min 13 s walks through every hour of every day, including the gaps and repeated hours.
      for (let t = Date.UTC(2011, 0, 1); t < Date.UTC(2012, 0, 1); t += 433_000) {
        const d = new Date(t);
        const fields = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
        const expected = wallClockToEpochMs({ ...fields, ms: 0 }, timeZone);
        const got = clock.epochMs(fields.year, fields.month, fields.day, fields.hour, fields.minute, fields.second);
        if (got !== expected) mismatches.push(`${d.toISOString()}: ${got} vs ${expected}`);
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
    });
  }
});
