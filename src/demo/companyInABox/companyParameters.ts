import { UserFacingError } from '../../userFacingError.js';

export interface CompanyOptions {
  /** People in the population (B2B contacts plus B2C individuals). */
  customers: number;
  seed: number;
  outDir: string;
  /** First day of history, YYYY-MM-DD; defaults to two years before endDate. */
  startDate?: string;
  /** Last day of history, YYYY-MM-DD (UTC); defaults to 2026-09-30. */
  endDate?: string;
}

export interface CompanyParameters {
  customers: number;
  seed: number;
  outDir: string;
  startDate: string;
  endDate: string;
  /** 00:00Z of startDate. */
  startMs: number;
  /** 00:00Z of the day after endDate: every generated moment is before it. */
  endMs: number;
  days: number;
}

export const DEFAULT_END_DATE = '2026-09-30';
export const DAY_MS = 86_400_000;
export const MAX_CUSTOMERS = 5_000_000;

function parseDay(label: string, value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new UserFacingError(`company-in-a-box: ${label} "${value}" is not a date`, `give ${label} as YYYY-MM-DD`);
  }
  return ms;
}

/** Checks the options and fills the defaults: two years of history ending at endDate. */
export function resolveCompanyParameters(options: CompanyOptions): CompanyParameters {
  const { customers, seed, outDir } = options;
  if (!Number.isInteger(customers) || customers < 10 || customers > MAX_CUSTOMERS) {
    throw new UserFacingError(`company-in-a-box: customers must be a whole number from 10 to ${MAX_CUSTOMERS} (got ${customers})`, 'pass --customers 1000 (or up to 1000000)');
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new UserFacingError(`company-in-a-box: seed must be a whole number from 0 to 4294967295 (got ${seed})`, 'pass --seed 7');
  }
  if (!outDir) throw new UserFacingError('company-in-a-box: no output folder given', 'pass --out .segflow/company');
  const endDate = options.endDate ?? DEFAULT_END_DATE;
  const endDay = parseDay('endDate', endDate);
  const endMs = endDay + DAY_MS;
  const defaultStart = new Date(endMs);
  defaultStart.setUTCFullYear(defaultStart.getUTCFullYear() - 2);
  const startDate = options.startDate ?? defaultStart.toISOString().slice(0, 10);
  const startMs = parseDay('startDate', startDate);
  if (startMs >= endMs) {
    throw new UserFacingError(`company-in-a-box: startDate ${startDate} is after endDate ${endDate}`, 'give a startDate before the endDate');
  }
  return { customers, seed: seed >>> 0, outDir, startDate, endDate, startMs, endMs, days: Math.round((endMs - startMs) / DAY_MS) };
}
