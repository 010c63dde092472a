import { requirePiiKey } from '../src/config.js';
import { resolveIdentities, type IdentityResolutionSummary } from '../src/identity/resolveIdentities.js';
import { runStage } from './runStage.js';
import type { ActivityDeps, RunRef, StageResult } from './types.js';

export interface ResolveIdentitiesInput extends RunRef {
  /** The run's sources (from planExtract): their newest landed contacts, leads, accounts and orders are resolved. */
  sources: string[];
}

export type ResolveIdentitiesResult = StageResult & IdentityResolutionSummary;

/**
 * Landed people and accounts → cleaned, pseudonymised identity records → one customer key each,
 * stable across runs. Needs SEGFLOW_PII_KEY (a missing key fails the run without retries).
 */
export function makeResolveIdentities({ db, piiKey }: ActivityDeps) {
  return async function resolveIdentitiesActivity({ runId, sources }: ResolveIdentitiesInput): Promise<ResolveIdentitiesResult> {
    return runStage(async () => resolveIdentities(db, runId, sources, requirePiiKey(piiKey)));
  };
}
