import { describe, expect, it } from 'vitest';
import { asOfDatesBetween } from '../../src/runs/asOfDates.js';

describe('as-of dates of a backfill', () => {
  it('steps one day at a time, both ends included', () => {
    expect(asOfDatesBetween('2011-02-27', '2011-03-02', 'day')).toEqual(['2011-02-27', '2011-02-28', '2011-03-01', '2011-03-02']);
  });

  it('steps a week at a time from --from and stops at --to', () => {
    expect(asOfDatesBetween('2011-01-03', '2011-01-30', 'week')).toEqual(['2011-01-03', '2011-01-10', '2011-01-17', '2011-01-24']);
  });

  it('gives month ends: monthly from 2011-01-31 is 2011-01-31, 2011-02-28, 2011-03-31, …', () => {
    expect(asOfDatesBetween('2011-01-31', '2011-12-31', 'month')).toEqual([
      '2011-01-31', '2011-02-28', '2011-03-31', '2011-04-30', '2011-05-31', '2011-06-30',
      '2011-07-31', '2011-08-31', '2011-09-30', '2011-10-31', '2011-11-30', '2011-12-31',
    ]);
  });

  it('knows leap years', () => {
    expect(asOfDatesBetween('2012-01-31', '2012-03-31', 'month')).toEqual(['2012-01-31', '2012-02-29', '2012-03-31']);
  });

  it('starts at the first month end on or after --from and ends at the last one on or before --to', () => {
    expect(asOfDatesBetween('2011-01-15', '2011-04-29', 'month')).toEqual(['2011-01-31', '2011-02-28', '2011-03-31']);
  });

  it('gives quarter ends, across a year boundary', () => {
    expect(asOfDatesBetween('2010-11-01', '2011-12-31', 'quarter')).toEqual(['2010-12-31', '2011-03-31', '2011-06-30', '2011-09-30', '2011-12-31']);
  });

  it('gives nothing when the range holds no month end', () => {
    expect(asOfDatesBetween('2011-02-01', '2011-02-27', 'month')).toEqual([]);
  });

  it('stops after the limit', () => {
    expect(asOfDatesBetween('2000-01-01', '2099-12-31', 'day', 3)).toEqual(['2000-01-01', '2000-01-02', '2000-01-03']);
  });
});
