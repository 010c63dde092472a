import type { BgnbdFit } from './bgnbd.js';
import type { CalibrationSummary } from './calibrationSummary.js';
import { ClvFitError } from './clvFitError.js';
import { customerValues, type CustomerValues, type ValueSettings } from './customerValue.js';
import { fitClvModels } from './fitClvModels.js';
import type { GammaGammaFit } from './gammaGamma.js';
import { holdoutReport, type HoldoutReport } from './holdoutReport.js';

/** A summary's numeric columns, without customer ids: what a CLV task needs, cheap to send to a thread. */
export type SummaryColumns = Pick<CalibrationSummary, 'x' | 'tx' | 'T' | 'zbar' | 'holdoutPurchases'>;

export type ClvTask =
  | { task: 'holdout'; summary: SummaryColumns; lengthUnits: number }
  | { task: 'fit'; summary: SummaryColumns }
  | { task: 'values'; bgnbd: BgnbdFit; gammaGamma: GammaGammaFit; summary: SummaryColumns; settings: ValueSettings };

export type ClvTaskResult =
  | { task: 'holdout'; bgnbd: BgnbdFit; report: HoldoutReport }
  | { task: 'fit'; bgnbd: BgnbdFit; gammaGamma: GammaGammaFit }
  | { task: 'values'; values: CustomerValues };

/** The reply of a thread: the result, or the failure (a ClvFitError stays recognisable across the thread boundary). */
export type ClvTaskReply = { ok: true; result: ClvTaskResult } | { ok: false; fitError: boolean; message: string };

const asSummary = (columns: SummaryColumns): CalibrationSummary => ({ ...columns, customerIds: [], customersFirstSeenLater: 0 });

/** Runs one CLV task on this thread (the worker threads call this; so can a caller without threads). */
export function runClvTask(request: ClvTask): ClvTaskResult {
  const summary = asSummary(request.summary);
  switch (request.task) {
    case 'holdout': {
      const { bgnbd } = fitClvModels(summary);
      return { task: 'holdout', bgnbd, report: holdoutReport(bgnbd, summary, request.lengthUnits) };
    }
    case 'fit':
      return { task: 'fit', ...fitClvModels(summary) };
    case 'values':
      return { task: 'values', values: customerValues(request.bgnbd, request.gammaGamma, summary, request.settings) };
  }
}

export function replyOf(run: () => ClvTaskResult): ClvTaskReply {
  try {
    return { ok: true, result: run() };
  } catch (error) {
    return { ok: false, fitError: error instanceof ClvFitError, message: error instanceof Error ? error.message : String(error) };
  }
}
