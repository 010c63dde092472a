import { describe, expect, it } from 'vitest';
import { asOfFromScheduledStart } from '../../workflows/scheduledAsOf.js';

describe('as-of date of a scheduled run', () => {
  it('is the scheduled day minus the lag', () => {
    expect(asOfFromScheduledStart(new Date('2011-12-10T02:00:00Z'), { timeZone: 'UTC', lagDays: 1 })).toBe('2011-12-09');
  });

  it("takes the day in the schedule's zone, not UTC's", () => {
    // 23:30 UTC on 9 December is already 10 December in Auckland (UTC+13 in summer).
    expect(asOfFromScheduledStart(new Date('2011-12-09T23:30:00Z'), { timeZone: 'Pacific/Auckland', lagDays: 0 })).toBe('2011-12-10');
    expect(asOfFromScheduledStart(new Date('2011-12-09T23:30:00Z'), { timeZone: 'America/New_York', lagDays: 0 })).toBe('2011-12-09');
  });

  it('uses summer time: 00:30 London time in July is 23:30 UTC the day before', () => {
    expect(asOfFromScheduledStart(new Date('2011-07-01T23:30:00Z'), { timeZone: 'Europe/London', lagDays: 1 })).toBe('2011-07-01');
  });

  it('crosses month and year ends', () => {
    expect(asOfFromScheduledStart(new Date('2012-01-01T02:00:00Z'), { timeZone: 'UTC', lagDays: 1 })).toBe('2011-12-31');
    expect(asOfFromScheduledStart(new Date('2012-03-01T02:00:00Z'), { timeZone: 'UTC', lagDays: 1 })).toBe('2012-02-29');
  });
});
