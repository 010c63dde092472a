import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { UserFacingError } from '../src/userFacingError.js';

const HEARTBEAT_EVERY_MS = 5_000;

/** Reports progress; the latest report is re-sent with every periodic heartbeat. */
export type ReportProgress = (details: Record<string, unknown>) => void;

/**
 * Runs one stage: heartbeats while it works (so a dead worker is noticed within the heartbeat
 * timeout), times it, and turns errors a person must fix into non-retryable failures.
 */
export async function runStage<T extends object>(work: (progress: ReportProgress) => Promise<T>): Promise<T & { elapsedMs: number }> {
  const context = Context.current();
  const started = performance.now();
  let latest: Record<string, unknown> | undefined;
  const progress: ReportProgress = (details) => {
    latest = details;
    context.heartbeat(details);
  };
  const timer = setInterval(() => context.heartbeat(latest), HEARTBEAT_EVERY_MS);
  try {
    const result = await work(progress);
    return { ...result, elapsedMs: Math.round(performance.now() - started) };
  } catch (error) {
    if (error instanceof UserFacingError) {
      throw ApplicationFailure.create({ message: error.toLine(), type: 'UserFacingError', nonRetryable: true, details: [error.fix] });
    }
    throw error;
  } finally {
    clearInterval(timer);
  }
}
