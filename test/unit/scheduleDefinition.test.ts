import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/badInputError.js';
import { parseScheduleDefinition, type ScheduleArguments } from '../../src/schedules/scheduleDefinition.js';

const valid: ScheduleArguments = {
  name: 'nightly', cron: '0 2 * * *', timezone: 'Europe/London', overlap: 'skip', catchupWindow: '1d', asOfLagDays: '1',
};

function refusal(overrides: Partial<ScheduleArguments>): string {
  try {
    parseScheduleDefinition({ ...valid, ...overrides });
  } catch (error) {
    expect(error).toBeInstanceOf(BadInputError);
    return (error as BadInputError).message;
  }
  throw new Error('expected the definition to be refused');
}

describe('schedule arguments', () => {
  it('read a nightly cron schedule in London', () => {
    expect(parseScheduleDefinition(valid)).toEqual({
      name: 'nightly', cron: '0 2 * * *', timeZone: 'Europe/London', overlap: 'skip', catchupWindowMs: 86_400_000, lagDays: 1,
    });
  });

  it('read an interval instead of a cron expression', () => {
    const definition = parseScheduleDefinition({ ...valid, cron: undefined, interval: '15m', overlap: 'buffer-one' });
    expect(definition).toMatchObject({ intervalMs: 900_000, overlap: 'buffer_one' });
    expect(definition.cron).toBeUndefined();
  });

  it('need exactly one of --cron and --interval', () => {
    expect(refusal({ interval: '1h' })).toBe('a schedule needs exactly one of --cron and --interval');
    expect(refusal({ cron: undefined })).toBe('a schedule needs exactly one of --cron and --interval');
  });

  it.each([
    [{ cron: '0 2 * *' }, '--cron "0 2 * *" is not a cron expression'],
    [{ timezone: 'Mars/Olympus' }, '--timezone "Mars/Olympus" is not a time zone'],
    [{ overlap: 'sometimes' }, '--overlap "sometimes" is not an overlap policy'],
    [{ catchupWindow: 'a day' }, '--catchup-window "a day" is not a duration'],
    [{ catchupWindow: '5s' }, '--catchup-window "5s" is shorter than Temporal allows'],
    [{ asOfLagDays: '-1' }, '--as-of-lag-days "-1" is not a number of days'],
    [{ name: 'night ly' }, 'schedule name "night ly" is not usable'],
  ])('refuse %j', (overrides, message) => {
    expect(refusal(overrides)).toBe(message);
  });
});
