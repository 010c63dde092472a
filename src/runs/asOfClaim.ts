import type { Knex } from 'knex';
import { UserFacingError } from '../userFacingError.js';

/** A claim held by a running run is honoured this long; after that a newer run may take it over. */
export const DEFAULT_AS_OF_CLAIM_TIMEOUT_MINUTES = 360;

interface ClaimRow {
  run_id: string;
  fence: string;
  claimed_at: Date;
  released_at: Date | null;
  holder_status: string | null;
  holder_workflow_id: string | null;
  expired: boolean;
}

export interface ClaimRequest {
  runId: string;
  source: string;
  asOf: string;
  timeoutMinutes: number;
}

export type ClaimOutcome = { fence: number } | { refusal: UserFacingError };

/**
 * Claims the run's source and as-of date, in the caller's transaction (which holds the claim row
 * locked until it commits). A claim still held by a live running run refuses this one; a released,
 * failed or expired claim is taken over with the next fencing token. Claiming again is a no-op.
 */
export async function claimAsOf(trx: Knex.Transaction, { runId, source, asOf, timeoutMinutes }: ClaimRequest): Promise<ClaimOutcome> {
  // Inserts a first claim, or locks the existing row so two starts of the same date queue here.
  await trx.raw(
    `insert into segflow.as_of_claims (source, as_of, run_id, fence) values (?, ?, ?, 0)
     on conflict (source, as_of) do nothing`,
    [source, asOf, runId],
  );
  const claim = (await trx.raw(
    `select c.run_id, c.fence, c.claimed_at, c.released_at, r.status as holder_status, r.workflow_id as holder_workflow_id,
            c.claimed_at < clock_timestamp() - cast(? as double precision) * interval '1 minute' as expired
     from segflow.as_of_claims c left join segflow.runs r on r.run_id = c.run_id
     where c.source = ? and c.as_of = ?
     for update of c`,
    [timeoutMinutes, source, asOf],
  )).rows[0] as ClaimRow;
  const fence = Number(claim.fence);
  if (claim.run_id === runId && fence > 0) return { fence };
  const held = claim.run_id !== runId && claim.released_at === null && claim.holder_status === 'running' && !claim.expired;
  if (held) {
    return {
      refusal: new UserFacingError(
        `as-of ${asOf} of ${source} is being computed by run ${claim.run_id} (workflow ${claim.holder_workflow_id}, started ${claim.claimed_at.toISOString()}); this run was refused so their outputs cannot mix`,
        `wait for that run to publish or fail and start again; if its workflow died, its claim lapses after SEGFLOW_AS_OF_CLAIM_TIMEOUT_MINUTES (${timeoutMinutes})`,
      ),
    };
  }
  const next = fence + 1;
  await trx('segflow.as_of_claims')
    .where({ source, as_of: asOf })
    .update({ run_id: runId, fence: next, claimed_at: trx.raw('clock_timestamp()'), released_at: null });
  await trx('segflow.runs').where({ run_id: runId }).update({ fence: next });
  return { fence: next };
}

/**
 * Inside publishRun's transaction: locks the run's claim and refuses the publish unless the run still
 * holds the latest fencing token for its source and as-of. Runs that are not running are left to the
 * caller (a repeated publish is a no-op, a failed run cannot publish); runs started before fencing
 * (no token) publish only while no claim exists for their date.
 */
export async function assertHoldsAsOfClaim(trx: Knex.Transaction, runId: string): Promise<void> {
  const run = await trx('segflow.runs').where({ run_id: runId }).first<{ source: string; as_of: string; status: string; fence: string | null } | undefined>(
    'source', trx.raw('cast(as_of as text) as as_of'), 'status', 'fence',
  );
  if (!run || run.status !== 'running') return;
  const claim = await trx('segflow.as_of_claims')
    .where({ source: run.source, as_of: run.as_of })
    .forUpdate()
    .first<{ run_id: string; fence: string } | undefined>('run_id', 'fence');
  if (!claim && run.fence === null) return;
  if (claim && claim.run_id === runId && run.fence !== null && Number(claim.fence) === Number(run.fence)) return;
  throw new UserFacingError(
    `run ${runId} no longer holds as-of ${run.as_of} of ${run.source} (its fence ${run.fence ?? 'none'}, latest ${claim?.fence ?? 'none'} held by run ${claim?.run_id ?? 'none'}); its outputs were not published`,
    'a newer run took over this date after the claim timed out; read that run’s outputs, or start a new run once it has finished',
  );
}

/** Lets the next run of the date start at once; the claim row and its fencing token stay. */
export async function releaseAsOfClaim(db: Knex, runId: string): Promise<void> {
  await db('segflow.as_of_claims').where({ run_id: runId }).whereNull('released_at').update({ released_at: db.raw('clock_timestamp()') });
}
