import {
  condition, continueAsNew, defineQuery, ParentClosePolicy, proxyActivities, setHandler, startChild, workflowInfo, WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import type { SegflowActivities } from '../activities/index.js';
import { rootMessage } from './rootMessage.js';
import type { segmentationRun, SegmentationRunInput } from './segmentationRun.js';

export interface BackfillInput {
  /** As-of dates still to run (YYYY-MM-DD, ascending). The whole state of a backfill is its input, so it resumes from here. */
  dates: string[];
  source: string;
  sourceFile?: string;
  sourcesFile?: string;
  fullRefresh?: boolean;
  /** At most this many runs in flight; a new one starts as soon as one ends. */
  concurrency: number;
  /** Run dates that are already published instead of skipping them. */
  force?: boolean;
  /** Dates started by one execution before it continues as new (keeps the history short). */
  maxDatesPerExecution?: number;
  /** Counts so far, carried across continue-as-new. */
  tally?: BackfillTally;
}

export interface BackfillFailure {
  asOf: string;
  message: string;
}

export interface BackfillTally {
  total: number;
  /** Runs published by this backfill. */
  done: number;
  skipped: number;
  failed: number;
  /** Dates not run: already published (without force) or being run by another workflow. */
  skippedDates: string[];
  failedDates: string[];
  /** Why the first few failed dates failed (the rest have the same cause more often than not). */
  failures: BackfillFailure[];
}

export interface BackfillProgress {
  total: number;
  done: number;
  running: number;
  skipped: number;
  failed: number;
  inFlight: string[];
}

export const backfillProgressQuery = defineQuery<BackfillProgress>('progress');

/** Each child adds about ten events; 200 of them stay far below Temporal's history limits. */
export const DEFAULT_MAX_DATES_PER_EXECUTION = 200;
const FAILURE_MESSAGES_KEPT = 20;
const FAILURE_MESSAGE_CHARS = 300;

const { listPublishedAsOf } = proxyActivities<SegflowActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 10 },
});

/** The child workflow id names the date, so one as-of date never runs twice at the same time. */
export function asOfWorkflowId(asOf: string): string {
  return `segflow-asof-${asOf}`;
}

/** Runs segmentationRun for every date with a sliding window of `concurrency` children. */
export async function backfill(input: BackfillInput): Promise<BackfillTally> {
  const tally: BackfillTally = input.tally ?? { total: input.dates.length, done: 0, skipped: 0, failed: 0, skippedDates: [], failedDates: [], failures: [] };
  const inFlight = new Set<string>();
  setHandler(backfillProgressQuery, () => ({
    total: tally.total, done: tally.done, running: inFlight.size, skipped: tally.skipped, failed: tally.failed, inFlight: [...inFlight],
  }));

  let remaining = [...input.dates];
  if (!input.force && remaining.length > 0) {
    const { asOfDates } = await listPublishedAsOf({ source: input.source, from: remaining[0]!, to: remaining[remaining.length - 1]! });
    const published = new Set(asOfDates);
    for (const asOf of remaining.filter((d) => published.has(d))) skip(tally, asOf);
    remaining = remaining.filter((d) => !published.has(d));
  }

  const runOne = async (asOf: string): Promise<void> => {
    inFlight.add(asOf);
    try {
      const child = await startChild<typeof segmentationRun>('segmentationRun', {
        workflowId: asOfWorkflowId(asOf),
        args: [childInput(input, asOf)],
        // A date may run again once its previous run has closed (a --force rerun, a retry after a failure).
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
        // A backfill that is terminated or times out asks its runs to cancel (they mark themselves failed) rather than leaving them half done.
        parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
      });
      await child.result();
      tally.done += 1;
    } catch (error) {
      if (error instanceof Error && error.name === 'WorkflowExecutionAlreadyStartedError') skip(tally, asOf);
      else fail(tally, asOf, error);
    } finally {
      inFlight.delete(asOf);
    }
  };

  const cap = input.maxDatesPerExecution ?? DEFAULT_MAX_DATES_PER_EXECUTION;
  const children: Array<Promise<void>> = [];
  while (remaining.length > 0 && children.length < cap) {
    await condition(() => inFlight.size < input.concurrency);
    if (workflowInfo().continueAsNewSuggested) break;
    children.push(runOne(remaining.shift()!));
  }
  // Children must end before continue-as-new: closing this execution would cancel them.
  await Promise.all(children);
  if (remaining.length > 0) {
    await continueAsNew<typeof backfill>({ ...input, dates: remaining, tally });
  }
  return tally;
}

function childInput(input: BackfillInput, asOf: string): SegmentationRunInput {
  const { source, sourceFile, sourcesFile, fullRefresh } = input;
  return {
    asOf,
    source,
    ...(sourceFile ? { sourceFile } : {}),
    ...(sourcesFile ? { sourcesFile } : {}),
    ...(fullRefresh ? { fullRefresh } : {}),
  };
}

function skip(tally: BackfillTally, asOf: string): void {
  tally.skipped += 1;
  tally.skippedDates.push(asOf);
}

function fail(tally: BackfillTally, asOf: string, error: unknown): void {
  tally.failed += 1;
  tally.failedDates.push(asOf);
  if (tally.failures.length < FAILURE_MESSAGES_KEPT) tally.failures.push({ asOf, message: rootMessage(error).slice(0, FAILURE_MESSAGE_CHARS) });
}
