import { publishedAsOfBetween } from '../src/runs/publishedAsOf.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, StageResult } from './types.js';

export interface ListPublishedAsOfInput {
  source: string;
  from: string;
  to: string;
}

export interface ListPublishedAsOfResult extends StageResult {
  /** As-of dates (YYYY-MM-DD) with a published run of the source; dates only, never rows. */
  asOfDates: string[];
}

/** Bookkeeping for backfills: which as-of dates are already published, so they are not run again. Read-only. */
export function makeListPublishedAsOf({ db }: ActivityDeps) {
  return async function listPublishedAsOf({ source, from, to }: ListPublishedAsOfInput): Promise<ListPublishedAsOfResult> {
    return runStage(async () => ({ asOfDates: (await publishedAsOfBetween(db, source, from, to)).map((p) => p.asOf) }));
  };
}
