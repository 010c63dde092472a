import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/badInputError.js';
import { planBackfill } from '../../src/runs/backfillPlan.js';

const valid = { from: '2011-01-31', to: '2011-12-31', every: 'month', concurrency: '3' };

function rejection(overrides: Partial<typeof valid>): BadInputError {
  try {
    planBackfill({ ...valid, ...overrides });
  } catch (error) {
    expect(error).toBeInstanceOf(BadInputError);
    return error as BadInputError;
  }
  throw new Error('expected planBackfill to refuse');
}

describe('backfill arguments', () => {
  it('plan twelve month ends with concurrency 3', () => {
    const plan = planBackfill(valid);
    expect(plan.dates).toHaveLength(12);
    expect(plan).toMatchObject({ from: '2011-01-31', to: '2011-12-31', every: 'month', concurrency: 3 });
  });

  it('accept --every in any case', () => {
    expect(planBackfill({ ...valid, every: 'Quarter' }).dates).toEqual(['2011-03-31', '2011-06-30', '2011-09-30', '2011-12-31']);
  });

  it('refuse --from after --to, exiting 2', () => {
    const error = rejection({ from: '2011-12-31', to: '2011-01-31' });
    expect(error.toLine()).toBe('segflow: --from 2011-12-31 is after --to 2011-01-31 — give the earlier date as --from');
    expect(error.exitCode).toBe(2);
  });

  it('refuse an unknown step', () => {
    expect(rejection({ every: 'fortnight' }).toLine()).toBe('segflow: --every "fortnight" is not a step segflow knows — use one of day, week, month, quarter');
  });

  it.each(['0', '-1', '1.5', 'three', ''])('refuse --concurrency %j', (concurrency) => {
    expect(rejection({ concurrency }).message).toBe(`--concurrency "${concurrency}" is not a whole number of at least 1`);
  });

  it('refuse more than 1000 dates', () => {
    expect(rejection({ from: '2008-01-01', to: '2011-12-31', every: 'day' }).message).toBe('2008-01-01 to 2011-12-31 every day is more than 1000 as-of dates');
  });

  it('accept exactly 1000 dates', () => {
    expect(planBackfill({ ...valid, from: '2010-01-01', to: '2012-09-26', every: 'day' }).dates).toHaveLength(1000);
  });

  it('refuse a range without a month end', () => {
    expect(rejection({ from: '2011-02-01', to: '2011-02-27' }).message).toBe('2011-02-01 to 2011-02-27 holds no month end');
  });

  it('refuse a date that is not a calendar day', () => {
    expect(rejection({ to: '2011-02-30' }).message).toBe('--to "2011-02-30" is not a date');
  });
});
