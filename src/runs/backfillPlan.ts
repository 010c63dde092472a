import { parseAsOfDate } from '../asOfDate.js';
import { BadInputError } from '../badInputError.js';
import { UserFacingError } from '../userFacingError.js';
import { asOfDatesBetween, BACKFILL_STEPS, type BackfillStep } from './asOfDates.js';

/** A backfill larger than this is almost certainly a typo in --from or --to. */
export const MAX_BACKFILL_DATES = 1000;

export interface BackfillArguments {
  from: string;
  to: string;
  every: string;
  concurrency: string;
}

export interface BackfillPlan {
  from: string;
  to: string;
  every: BackfillStep;
  concurrency: number;
  /** Ascending. */
  dates: string[];
}

function date(flag: string, text: string): string {
  try {
    return parseAsOfDate(text);
  } catch (error) {
    if (error instanceof UserFacingError) throw new BadInputError(`${flag} "${text}" is not a date`, 'give a real calendar date as YYYY-MM-DD, e.g. 2011-01-31');
    throw error;
  }
}

/** The command-line arguments of `segflow backfill`, checked, with the dates they name. */
export function planBackfill(args: BackfillArguments): BackfillPlan {
  const from = date('--from', args.from);
  const to = date('--to', args.to);
  if (from > to) throw new BadInputError(`--from ${from} is after --to ${to}`, 'give the earlier date as --from');
  const every = args.every.trim().toLowerCase();
  if (!(BACKFILL_STEPS as readonly string[]).includes(every)) {
    throw new BadInputError(`--every "${args.every}" is not a step segflow knows`, `use one of ${BACKFILL_STEPS.join(', ')}`);
  }
  const step = every as BackfillStep;
  const concurrency = Number(args.concurrency);
  if (!/^\s*\d+\s*$/.test(args.concurrency) || !Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new BadInputError(`--concurrency "${args.concurrency}" is not a whole number of at least 1`, 'give how many runs may be in flight at once, e.g. --concurrency 3');
  }
  const dates = asOfDatesBetween(from, to, step, MAX_BACKFILL_DATES + 1);
  if (dates.length > MAX_BACKFILL_DATES) {
    throw new BadInputError(
      `${from} to ${to} every ${step} is more than ${MAX_BACKFILL_DATES} as-of dates`,
      'split the range into several backfills, or use a coarser --every',
    );
  }
  if (dates.length === 0) {
    throw new BadInputError(
      `${from} to ${to} holds no ${step} end`,
      `--every ${step} runs on ${step} ends: widen the range to include one, or use --every day`,
    );
  }
  return { from, to, every: step, concurrency, dates };
}
