import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/badInputError.js';
import { reportRequest } from '../../src/report/reportRequest.js';

describe('report request', () => {
  it('compares with the quarter just before by default, across a year end', () => {
    expect(reportRequest({ quarter: '2011-Q1' })).toEqual({
      quarter: '2011-Q1',
      compareQuarter: '2010-Q4',
      previousQuarter: '2010-Q4',
      compareGiven: false,
      scheme: undefined,
    });
  });

  it('takes an explicit earlier quarter and one scheme', () => {
    expect(reportRequest({ quarter: '2011-q4', compare: '2010-Q4', scheme: 'kmeans' })).toEqual({
      quarter: '2011-Q4',
      compareQuarter: '2010-Q4',
      previousQuarter: '2011-Q3',
      compareGiven: true,
      scheme: 'kmeans',
    });
  });

  it.each([
    [{ quarter: '2011-Q5' }, '--quarter "2011-Q5" is not a quarter'],
    [{ quarter: 'Q4-2011' }, '--quarter "Q4-2011" is not a quarter'],
    [{ quarter: '2011-Q4', compare: '2011Q3' }, '--compare "2011Q3" is not a quarter'],
    [{ quarter: '2011-Q4', compare: '2012-Q1' }, '--compare 2012-Q1 is not before --quarter 2011-Q4'],
    [{ quarter: '2011-Q4', scheme: 'rfmx' }, '--scheme "rfmx" is not a segmentation scheme'],
  ])('refuses %j as bad input', (options, message) => {
    let thrown: unknown;
    try {
      reportRequest(options);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BadInputError);
    expect((thrown as BadInputError).message).toBe(message);
    expect((thrown as BadInputError).exitCode).toBe(2);
  });
});
