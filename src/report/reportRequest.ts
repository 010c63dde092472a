import { BadInputError } from '../badInputError.js';
import { compareQuarters, parseQuarter, previousQuarter, quarterName } from './quarter.js';
import { REPORT_SCHEMES, type ReportScheme } from './reportData.js';

export interface ReportOptions {
  quarter: string;
  compare?: string;
  scheme?: string;
}

/** Which quarters and schemes to report on, checked before anything is read. */
export interface ReportRequest {
  quarter: string;
  compareQuarter: string;
  /** The calendar quarter just before the reported one. */
  previousQuarter: string;
  /** False when the compared quarter is the default (the previous calendar quarter). */
  compareGiven: boolean;
  /** Undefined: every scheme the quarter's run has. */
  scheme: ReportScheme | undefined;
}

function quarterOption(flag: string, text: string) {
  const quarter = parseQuarter(text);
  if (!quarter) throw new BadInputError(`${flag} "${text}" is not a quarter`, `write it as YYYY-QN with N from 1 to 4, e.g. ${flag} 2011-Q4`);
  return quarter;
}

export function reportRequest(options: ReportOptions): ReportRequest {
  const quarter = quarterOption('--quarter', options.quarter);
  const compare = options.compare === undefined ? previousQuarter(quarter) : quarterOption('--compare', options.compare);
  if (compareQuarters(compare, quarter) >= 0) {
    throw new BadInputError(
      `--compare ${quarterName(compare)} is not before --quarter ${quarterName(quarter)}`,
      `compare with an earlier quarter, e.g. --compare ${quarterName(previousQuarter(quarter))}, or leave --compare out for the previous quarter`,
    );
  }
  if (options.scheme !== undefined && !(REPORT_SCHEMES as readonly string[]).includes(options.scheme)) {
    throw new BadInputError(`--scheme "${options.scheme}" is not a segmentation scheme`, `use one of ${REPORT_SCHEMES.join(', ')}, or leave --scheme out for all of them`);
  }
  return {
    quarter: quarterName(quarter),
    compareQuarter: quarterName(compare),
    previousQuarter: quarterName(previousQuarter(quarter)),
    compareGiven: options.compare !== undefined,
    scheme: options.scheme as ReportScheme | undefined,
  };
}
