import { describe, expect, it } from 'vitest';
import { parseAsOfDate, quarterEndingAt } from '../../src/asOfDate.js';
import { UserFacingError } from '../../src/userFacingError.js';

describe('parseAsOfDate', () => {
  it('accepts a real calendar date', () => {
    expect(parseAsOfDate('2011-12-09')).toBe('2011-12-09');
    expect(parseAsOfDate('2012-02-29')).toBe('2012-02-29');
  });

  it.each(['2011-02-30', '2011-13-01', '2011-9-30', '09/30/2011', 'yesterday', ''])('rejects %j with a fix', (text) => {
    expect(() => parseAsOfDate(text)).toThrow(UserFacingError);
    expect(() => parseAsOfDate(text)).toThrow(/invalid as-of date/);
  });
});

describe('quarterEndingAt', () => {
  it('cuts the quarter at the as-of date and flags it partial', () => {
    expect(quarterEndingAt('2011-12-09')).toEqual({
      label: '2011-Q4', start: '2011-10-01', end: '2011-12-31', periodEnd: '2011-12-09', isPartial: true,
    });
  });

  it('treats the last day of a quarter as complete', () => {
    expect(quarterEndingAt('2011-09-30')).toEqual({
      label: '2011-Q3', start: '2011-07-01', end: '2011-09-30', periodEnd: '2011-09-30', isPartial: false,
    });
    expect(quarterEndingAt('2012-03-31').end).toBe('2012-03-31');
  });
});
